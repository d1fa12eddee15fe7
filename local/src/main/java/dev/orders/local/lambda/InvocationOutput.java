package dev.orders.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Standard output and error as Lambda's log capture sees them: installed once per JVM, a routing stream in front of
 * each attributes what a running invocation prints (on its thread, or a thread it started) to that invocation, line
 * by line, and still writes it through to the real stream. Lines printed by the runtime itself, including its
 * adapters while they serve a port call, belong to no invocation.
 */
final class InvocationOutput {

    /** Where an invocation's lines go: its log (tail, metrics) as complete lines. */
    interface Capture {
        void line(String line);
    }

    private static final InheritableThreadLocal<Capture> CURRENT = new InheritableThreadLocal<>();
    private static final ThreadLocal<Boolean> OUTSIDE = ThreadLocal.withInitial(() -> false);
    private static PrintStream realOut;
    private static PrintStream realErr;

    private InvocationOutput() {}

    /** Installs the routing streams once; later calls keep them. */
    static synchronized void install() {
        if (realOut != null) {
            return;
        }
        realOut = System.out;
        realErr = System.err;
        System.setOut(new PrintStream(new Router(realOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Router(realErr), true, StandardCharsets.UTF_8));
    }

    /** The real standard output, where the runtime's own START/END/REPORT lines go (beside the captured lines). */
    static PrintStream out() {
        install();
        return realOut;
    }

    /** Runs {@code work} with the current thread's output attributed to {@code capture}. */
    static <T> T capturing(Capture capture, Supplier<T> work) {
        Capture previous = CURRENT.get();
        CURRENT.set(capture);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Runs the runtime's own work (a port call's adapter) on an invocation's thread without attributing its output. */
    static <T> T outside(Supplier<T> work) {
        boolean previous = OUTSIDE.get();
        OUTSIDE.set(true);
        try {
            return work.get();
        } finally {
            OUTSIDE.set(previous);
        }
    }

    private static final class Router extends OutputStream {

        private final PrintStream real;
        private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

        Router(PrintStream real) {
            this.real = real;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            real.write(b, off, len);
            Capture capture = CURRENT.get();
            if (capture == null || OUTSIDE.get()) {
                return;
            }
            ByteArrayOutputStream line = pending.get();
            int from = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, from, i - from);
                    emit(capture, line.toString(StandardCharsets.UTF_8));
                    line.reset();
                    from = i + 1;
                }
            }
            line.write(b, from, off + len - from);
            if (line.size() > 262_144) {
                // CloudWatch Logs splits an event at 256 KB: so does the capture
                emit(capture, line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }

        private static void emit(Capture capture, String line) {
            try {
                capture.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            } catch (RuntimeException ignored) {
                // the capture must never break a function's output
            }
        }

        @Override
        public void flush() {
            real.flush();
        }
    }
}
