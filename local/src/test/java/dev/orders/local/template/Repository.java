package dev.orders.local.template;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository the tests run in, found from the module's working directory upwards. */
public final class Repository {

    private Repository() {}

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("infra/template.yaml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (infra/template.yaml and mvnw) above "
                + Path.of("").toAbsolutePath());
    }

    public static Path template() {
        return root().resolve("infra/template.yaml");
    }
}
