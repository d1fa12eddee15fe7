package dev.orders.local.metrics.emf;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Standard output as Lambda's log capture sees it: every line still goes to the real stdout, and each line
 * that mentions {@code _aws} is handed to EMF ingestion with the function that printed it, told by the
 * printing thread's name ({@code LocalFunction} runs each invocation on a thread named {@code Function-requestId}).
 * Until per-invocation log capture exists (the execution-environments issue), this is how the handlers' EMF
 * output reaches the metrics.
 */
public final class StdoutTap extends OutputStream {

    private final PrintStream original;
    private final BiConsumer<String, String> lines;
    private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);
    private volatile boolean enabled = true;
    private PrintStream installed;

    private StdoutTap(PrintStream original, BiConsumer<String, String> lines) {
        this.original = original;
        this.lines = lines;
    }

    /** Replaces System.out with a tap that hands EMF lines to {@code lines(function, line)}. */
    public static StdoutTap install(BiConsumer<String, String> lines) {
        StdoutTap tap = new StdoutTap(System.out, lines);
        tap.installed = new PrintStream(tap, true, StandardCharsets.UTF_8);
        System.setOut(tap.installed);
        return tap;
    }

    @Override
    public void write(int b) {
        original.write(b);
        collect(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        collect(b, off, len);
    }

    @Override
    public void flush() {
        original.flush();
    }

    private void collect(byte[] b, int off, int len) {
        if (!enabled) {
            return;
        }
        ByteArrayOutputStream line = pending.get();
        int from = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                line.write(b, from, i - from);
                emit(line.toString(StandardCharsets.UTF_8));
                line.reset();
                from = i + 1;
            }
        }
        line.write(b, from, off + len - from);
        if (line.size() > 1_048_576) {
            line.reset(); // a line beyond CloudWatch Logs' event size is never EMF
        }
    }

    private void emit(String line) {
        if (line.contains("\"_aws\"")) {
            String thread = Thread.currentThread().getName();
            int dash = thread.indexOf('-');
            try {
                lines.accept(dash > 0 ? thread.substring(0, dash) : thread, line);
            } catch (RuntimeException ignored) {
                // the metrics must never break a function's output
            }
        }
    }

    /** Stops tapping; puts the original stdout back if nothing replaced the tap meanwhile. */
    public void uninstall() {
        enabled = false;
        if (System.out == installed) {
            System.setOut(original);
        }
    }
}
