package dev.orders.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs name only files that exist in the repository. Checked: README.md and every Markdown file under docs/;
 * in them, each backticked path that starts with a top-level entry of the repository ({@code infra/template.yaml},
 * {@code docs/decisions/}) and each relative link. {@code ...} stands for any folders and a class may be named
 * without its extension ({@code functions/.../aws/AwsWiring}). Build output ({@code target/}) is not checked.
 */
class DocumentedPathsTest {

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules", ".orders-data");

    private final Path root = Repository.root();
    private final List<String> repositoryPaths = walk(root);

    @Test
    void every_repository_path_named_in_the_docs_exists() throws IOException {
        List<String> missing = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (Path doc : docs()) {
            String text = Files.readString(doc);
            String where = root.relativize(doc).toString();
            Matcher code = CODE_SPAN.matcher(text);
            while (code.find()) {
                repositoryPath(code.group(1)).ifPresent(path -> {
                    checked.add(path);
                    if (!exists(path)) {
                        missing.add(where + ": `" + code.group(1) + "`");
                    }
                });
            }
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1).split("#", 2)[0];
                if (target.isEmpty() || target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                    continue; // an anchor, or a web address
                }
                String path = root.relativize(doc.getParent().resolve(target).normalize())
                        .toString()
                        .replace('\\', '/');
                checked.add(path);
                if (!exists(path)) {
                    missing.add(where + ": link (" + link.group(1) + ")");
                }
            }
        }

        assertThat(checked).as("paths found in the docs").hasSizeGreaterThan(20);
        assertThat(missing)
                .as("paths named in the docs that the repository does not have")
                .isEmpty();
    }

    @Test
    void the_check_catches_a_wrong_path_an_abbreviated_one_and_a_link() {
        assertThat(repositoryPath("infra/template.yml")).hasValue("infra/template.yml");
        assertThat(exists("infra/template.yml")).isFalse();
        assertThat(exists("functions/.../aws/AwsWiring")).isTrue();
        assertThat(exists("functions/.../aws/NoSuchClass")).isFalse();
        assertThat(exists("docs/decisions/")).isTrue();
        assertThat(repositoryPath("./orders lint")).isEmpty();
        assertThat(repositoryPath("/_local/health")).isEmpty();
        assertThat(repositoryPath("orders/payments/acmepay"))
                .as("orders is a file: this is a secret's name")
                .isEmpty();
        assertThat(repositoryPath("functions/target/orders-functions.jar"))
                .as("build output")
                .isEmpty();
    }

    /** The path a code span names when it looks like one of this repository's paths. */
    private java.util.Optional<String> repositoryPath(String span) {
        String path = span.strip().replaceFirst("^\\./", "").replaceFirst(":\\d+$", "");
        // An absolute path is a URL path of the running platform (/_local/health), not a file of the repository.
        // .orders-data/ is the platform's data folder: made by running it, in any checkout where it ran, never
        // committed.
        if (path.isEmpty()
                || path.startsWith("/")
                || path.contains(" ")
                || path.contains("/target/")
                || path.startsWith("target/")
                || path.startsWith(".orders-data")) {
            return java.util.Optional.empty();
        }
        String first = path.split("/", 2)[0];
        Path top = root.resolve(first);
        boolean named = path.contains("/") ? Files.isDirectory(top) : Files.exists(top) && !first.isEmpty();
        return named && !SKIPPED_FOLDERS.contains(first) ? java.util.Optional.of(path) : java.util.Optional.empty();
    }

    private boolean exists(String path) {
        if (!path.contains("...")) {
            return Files.exists(root.resolve(path));
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String regex =
                Stream.of(trimmed.split("\\.\\.\\.", -1)).map(Pattern::quote).collect(Collectors.joining(".*"))
                        + "(\\.[A-Za-z0-9]+)?";
        Pattern pattern = Pattern.compile(regex);
        return repositoryPaths.stream().anyMatch(p -> pattern.matcher(p).matches());
    }

    private List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static List<String> walk(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> root.relativize(p).toString().split("[/\\\\]").length > 0)
                    .filter(p -> Stream.of(root.relativize(p).toString().split("[/\\\\]"))
                            .noneMatch(SKIPPED_FOLDERS::contains))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
