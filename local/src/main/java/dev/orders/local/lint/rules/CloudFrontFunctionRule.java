package dev.orders.local.lint.rules;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFront Functions' constraints
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html and the
 * quotas): the runtime {@code cloudfront-js-2.0}, at most 10 KB of code, only the runtime's modules ({@code cloudfront},
 * {@code crypto}, {@code querystring}, {@code buffer}), no dynamic code evaluation, timers, network or process access,
 * a key value store associated when the code reads one (at most one), associations on viewer events only, never
 * beside a Lambda@Edge function on the same event; and a warning when the code is not published to LIVE.
 */
public record CloudFrontFunctionRule() implements LintRule {

    public static final String RUNTIME = "cloudfront-js-2.0";
    public static final int MAX_CODE_BYTES = 10 * 1024;
    static final Set<String> MODULES = Set.of("cloudfront", "crypto", "querystring", "buffer");
    static final Set<String> VIEWER_EVENTS = Set.of("viewer-request", "viewer-response");

    private static final Pattern IMPORT =
            Pattern.compile("^\\s*import\\s+(?:[\\w$*{},\\s]+?\\s+from\\s+)?['\"]([^'\"]+)['\"]", Pattern.MULTILINE);
    private static final Pattern REQUIRE = Pattern.compile("\\brequire\\s*\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)");
    private static final Pattern DYNAMIC_CODE = Pattern.compile("\\beval\\s*\\(|\\bnew\\s+Function\\s*\\(");
    private static final Pattern NO_SUCH_GLOBAL = Pattern.compile(
            "\\b(setTimeout|setInterval|setImmediate|fetch|XMLHttpRequest|WebSocket|process\\.\\w+)\\b");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|(?<![:'\"])//[^\\n]*", Pattern.DOTALL);

    @Override
    public String name() {
        return "cloudfront-function";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        List<Finding> findings = new ArrayList<>();
        for (String function : template.idsOfType("AWS::CloudFront::Function")) {
            checkFunction(function, template.properties(function), findings);
        }
        for (String distribution : template.idsOfType("AWS::CloudFront::Distribution")) {
            Map<String, Object> config = mapOf(template.properties(distribution).get("DistributionConfig"));
            List<Object> behaviours = new ArrayList<>();
            behaviours.add(config.get("DefaultCacheBehavior"));
            behaviours.addAll(listOf(config.get("CacheBehaviors")));
            for (Object behaviour : behaviours) {
                checkAssociations(distribution, mapOf(behaviour), findings);
            }
        }
        return findings;
    }

    private void checkFunction(String function, Map<String, Object> properties, List<Finding> findings) {
        Map<String, Object> config = mapOf(properties.get("FunctionConfig"));
        Object runtime = config.get("Runtime");
        if (!RUNTIME.equals(runtime)) {
            findings.add(error(
                    function,
                    "runtime " + runtime + ": use " + RUNTIME
                            + " (import, async/await and the key value store need it)"));
        }
        if (!Boolean.TRUE.equals(properties.get("AutoPublish"))
                && !"true".equals(String.valueOf(properties.get("AutoPublish")))) {
            findings.add(Finding.warning(
                    name(),
                    function,
                    "AutoPublish is not true: the distribution keeps running the LIVE stage, not this code"));
        }
        if (!(properties.get("FunctionCode") instanceof String code)) {
            findings.add(error(function, "FunctionCode must be the code itself (CloudFormation takes it inline)"));
            return;
        }
        int bytes = code.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CODE_BYTES) {
            findings.add(error(
                    function,
                    "the code is " + bytes + " bytes; CloudFront Functions take at most 10 KB (" + MAX_CODE_BYTES
                            + " bytes)"));
        }
        String source = COMMENTS.matcher(code).replaceAll("");
        Set<String> modules = new LinkedHashSet<>();
        for (Pattern pattern : List.of(IMPORT, REQUIRE)) {
            Matcher matcher = pattern.matcher(source);
            while (matcher.find()) {
                modules.add(matcher.group(1));
            }
        }
        for (String module : modules) {
            if (!MODULES.contains(module)) {
                findings.add(error(
                        function,
                        "imports '" + module + "', a module " + RUNTIME
                                + " does not have (it offers cloudfront, crypto, querystring and buffer)"));
            }
        }
        if (DYNAMIC_CODE.matcher(source).find()) {
            findings.add(error(
                    function,
                    "evaluates code at run time (eval or new Function), which CloudFront Functions do not allow"));
        }
        Matcher global = NO_SUCH_GLOBAL.matcher(source);
        Set<String> globals = new LinkedHashSet<>();
        while (global.find()) {
            globals.add(global.group(1));
        }
        if (!globals.isEmpty()) {
            findings.add(error(
                    function,
                    "uses " + String.join(", ", globals)
                            + ": CloudFront Functions have no timers, network or process access"));
        }
        if (!source.contains("function handler")) {
            findings.add(error(function, "defines no handler(event) function, which CloudFront calls"));
        }
        int stores = listOf(config.get("KeyValueStoreAssociations")).size();
        if (source.contains(".kvs(") && stores == 0) {
            findings.add(error(
                    function,
                    "reads a key value store (kvs()) but FunctionConfig has no KeyValueStoreAssociations:"
                            + " every request would fail"));
        }
        if (stores > 1) {
            findings.add(error(function, stores + " key value stores associated; a function takes at most one"));
        }
    }

    private void checkAssociations(String distribution, Map<String, Object> behaviour, List<Finding> findings) {
        String where = behaviour.containsKey("PathPattern")
                ? "cache behaviour " + behaviour.get("PathPattern")
                : "the default cache behaviour";
        Set<String> seen = new HashSet<>();
        for (Object item : listOf(behaviour.get("FunctionAssociations"))) {
            String event = String.valueOf(mapOf(item).get("EventType"));
            if (!VIEWER_EVENTS.contains(event)) {
                findings.add(
                        error(
                                distribution,
                                where + " associates a CloudFront function with " + event
                                        + ": CloudFront Functions run on viewer-request and viewer-response only (origin events need Lambda@Edge)"));
            }
            if (!seen.add(event)) {
                findings.add(error(distribution, where + " associates two CloudFront functions with " + event));
            }
        }
        for (Object item : listOf(behaviour.get("LambdaFunctionAssociations"))) {
            String event = String.valueOf(mapOf(item).get("EventType"));
            if (seen.contains(event)) {
                findings.add(error(
                        distribution,
                        where + " runs a CloudFront function and a Lambda@Edge function on " + event
                                + "; one behaviour takes only one of them per event"));
            }
        }
    }

    private Finding error(String resource, String message) {
        return Finding.error(name(), resource, message);
    }
}
