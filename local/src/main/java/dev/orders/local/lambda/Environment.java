package dev.orders.local.lambda;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One execution environment: it belongs to one version, runs one invocation at a time, and keeps the handler its
 * init built. Its first invocation reports the init (Init Duration) or, for SnapStart, the restore (Restore
 * Duration); a provisioned environment was initialized before any request and reports neither.
 */
final class Environment {

    final String id;
    final String logStream;
    final boolean provisioned;
    final boolean restored;
    final Duration startup;
    final VersionCode.Handler handler;
    private boolean reported;
    private volatile long lastUsedNanos = System.nanoTime();

    /** An environment's name before its init: its id and its log stream ({@code 2026/11/30/[3]a1b2…}, as Lambda names them). */
    record Identity(String id, String logStream) {
        static Identity next(String version) {
            byte[] bytes = new byte[16];
            ThreadLocalRandom.current().nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            return new Identity(
                    id, LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[" + version + "]" + id);
        }
    }

    Environment(
            Identity identity, boolean provisioned, boolean restored, Duration startup, VersionCode.Handler handler) {
        this.id = identity.id();
        this.logStream = identity.logStream();
        this.provisioned = provisioned;
        this.restored = restored;
        this.startup = startup;
        this.handler = handler;
        this.reported = provisioned;
    }

    /** The init or restore duration to report on this invocation: on the environment's first only, never when provisioned. */
    synchronized Duration reportStartup() {
        if (reported) {
            return null;
        }
        reported = true;
        return startup;
    }

    void used() {
        lastUsedNanos = System.nanoTime();
    }

    boolean idleSince(long nanos) {
        return lastUsedNanos < nanos;
    }
}
