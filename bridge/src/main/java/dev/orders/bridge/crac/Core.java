package dev.orders.bridge.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The CRaC implementation a version's {@code org.crac} delegates to, as Lambda's runtime provides one
 * ({@code org.crac.Core.Compat} names this package): one global context per version's class loader, whose
 * resources the local runtime notifies when it snapshots the version (beforeCheckpoint, in reverse order of
 * registration) and when an environment restores from it (afterRestore, in order), as CRaC orders them.
 */
public final class Core {

    private static final Global GLOBAL = new Global();

    private Core() {}

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /** A checkpoint and restore in one call; locally the runtime drives the two halves itself. */
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        try {
            GLOBAL.beforeCheckpoint(null);
        } catch (Exception e) {
            throw new CheckpointException(e);
        }
        try {
            GLOBAL.afterRestore(null);
        } catch (Exception e) {
            throw new RestoreException(e);
        }
    }

    private static final class Global extends Context<Resource> {

        private final List<Resource> resources = new ArrayList<>();

        @Override
        public synchronized void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            List<Resource> all;
            synchronized (this) {
                all = new ArrayList<>(resources);
            }
            for (Resource resource : all.reversed()) {
                resource.beforeCheckpoint(this);
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws Exception {
            List<Resource> all;
            synchronized (this) {
                all = new ArrayList<>(resources);
            }
            for (Resource resource : all) {
                resource.afterRestore(this);
            }
        }
    }
}
