package dev.orders.local.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The SAM template as a tree of maps and lists, with CloudFormation's short-form tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}, ...) turned into their long form and SAM's {@code Globals} applied to
 * each function, as SAM applies them. The local runtime, the linter and the planner all read this one file.
 */
public final class SamTemplate {

    /** Where the build puts the template inside the local runtime's jar. */
    public static final String CLASSPATH_LOCATION = "infra/template.yaml";

    private static final List<String> FN_TAGS = List.of(
            "Base64",
            "Cidr",
            "FindInMap",
            "GetAZs",
            "If",
            "ImportValue",
            "Join",
            "Select",
            "Split",
            "Sub",
            "Transform",
            "And",
            "Equals",
            "Not",
            "Or",
            "ToJsonString",
            "Length");

    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]");

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static SamTemplate parse(String yaml) {
        return new SamTemplate(load(new Yaml(new IntrinsicConstructor()).load(yaml)));
    }

    public static SamTemplate read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new SamTemplate(load(new Yaml(new IntrinsicConstructor()).load(reader)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    /** The template bundled with the local runtime: the same file that is deployed. */
    public static SamTemplate bundled() {
        return parse(bundledText());
    }

    public static String bundledText() {
        try (InputStream in = SamTemplate.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(
                        CLASSPATH_LOCATION + " is not on the classpath; build with ./mvnw package");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Object document) {
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a template is a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    /** The whole tree, long-form intrinsics, Globals not applied. */
    public Map<String, Object> tree() {
        return root;
    }

    public Map<String, Map<String, Object>> resources() {
        return mapOf(root.get("Resources")).entrySet().stream()
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), mapOf(e.getValue())), Map::putAll);
    }

    public Optional<Map<String, Object>> resource(String logicalId) {
        return Optional.ofNullable(resources().get(logicalId));
    }

    public String type(String logicalId) {
        return resource(logicalId).map(r -> String.valueOf(r.get("Type"))).orElse("");
    }

    /** A resource's Properties; for a SAM function, with {@code Globals.Function} applied. */
    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = resource(logicalId)
                .orElseThrow(() -> new IllegalArgumentException("no resource " + logicalId + " in the template"));
        Map<String, Object> own = mapOf(resource.get("Properties"));
        String type = String.valueOf(resource.get("Type"));
        String globalsKey = switch (type) {
            case "AWS::Serverless::Function" -> "Function";
            case "AWS::Serverless::HttpApi" -> "HttpApi";
            case "AWS::Serverless::Api" -> "Api";
            default -> null;
        };
        if (globalsKey == null) {
            return own;
        }
        return mergeGlobals(mapOf(mapOf(root.get("Globals")).get(globalsKey)), own);
    }

    /** SAM's rule: the resource's scalars win, maps merge key by key, lists are concatenated. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        own.forEach((key, value) -> merged.merge(key, value, (g, o) -> {
            if (g instanceof Map<?, ?> gm && o instanceof Map<?, ?> om) {
                return mergeGlobals((Map<String, Object>) gm, (Map<String, Object>) om);
            }
            if (g instanceof List<?> gl && o instanceof List<?> ol) {
                List<Object> both = new ArrayList<>(gl);
                both.addAll(ol);
                return both;
            }
            return o;
        }));
        return merged;
    }

    /** Resolves {@code Ref} to a parameter's default; other values are returned as they are. */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("Ref")) {
            String name = String.valueOf(map.get("Ref"));
            Object parameter = mapOf(root.get("Parameters")).get(name);
            if (parameter != null && mapOf(parameter).containsKey("Default")) {
                return resolve(mapOf(parameter).get("Default"));
            }
        }
        return value;
    }

    public Optional<Integer> integer(Map<String, Object> properties, String key) {
        Object value = resolve(properties.get(key));
        if (value instanceof Number n) {
            return Optional.of(n.intValue());
        }
        if (value instanceof String s && s.matches("-?\\d+")) {
            return Optional.of(Integer.parseInt(s));
        }
        return Optional.empty();
    }

    public Optional<Double> number(Map<String, Object> properties, String key) {
        Object value = resolve(properties.get(key));
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        try {
            return value instanceof String s ? Optional.of(Double.parseDouble(s)) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    public Optional<String> string(Map<String, Object> properties, String key) {
        Object value = resolve(properties.get(key));
        return value instanceof String || value instanceof Number || value instanceof Boolean
                ? Optional.of(String.valueOf(value))
                : Optional.empty();
    }

    /**
     * The logical id a value points at: {@code Ref X}, {@code Ref X.Alias} or {@code X.Version} (SAM),
     * {@code GetAtt X.Arn}, or the first {@code ${X...}} of a {@code Sub}. Whether X exists is the caller's question.
     */
    public static Optional<String> referencedId(Object value) {
        Map<String, Object> map = mapOf(value);
        if (map.size() != 1) {
            return Optional.empty();
        }
        Object inner = map.values().iterator().next();
        return switch (map.keySet().iterator().next()) {
            case "Ref" -> Optional.of(String.valueOf(inner).split("\\.")[0]);
            case "Fn::GetAtt" ->
                Optional.of(
                        inner instanceof List<?> list && !list.isEmpty()
                                ? String.valueOf(list.getFirst())
                                : String.valueOf(inner).split("\\.")[0]);
            case "Fn::Sub" -> {
                Matcher matcher = SUB_REFERENCE.matcher(
                        String.valueOf(inner instanceof List<?> l && !l.isEmpty() ? l.getFirst() : inner));
                yield matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapOf(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    public static List<Object> listOf(Object value) {
        return value instanceof List<?> list ? List.copyOf(list) : List.of();
    }

    /** Turns {@code !Ref x} into {@code {Ref: x}}, {@code !GetAtt a.b} into {@code {Fn::GetAtt: [a, b]}}, and so on. */
    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new Intrinsic("Fn::GetAtt"));
            FN_TAGS.forEach(name -> yamlConstructors.put(new Tag("!" + name), new Intrinsic("Fn::" + name)));
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("unexpected node " + node);
                };
                if (key.equals("Fn::GetAtt") && value instanceof String dotted && dotted.contains(".")) {
                    int dot = dotted.indexOf('.');
                    value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(key, value);
                return intrinsic;
            }
        }
    }
}
