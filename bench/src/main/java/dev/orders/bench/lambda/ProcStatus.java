package dev.orders.bench.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The peak and current resident set of this process, from Linux's {@code /proc/self/status}. */
final class ProcStatus {

    private ProcStatus() {}

    /** {@code vmHwmKb=N vmRssKb=M}, or {@code vmHwmKb=-1 vmRssKb=-1} where there is no /proc. */
    static String read() {
        long hwm = -1;
        long rss = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = kilobytes(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                }
            }
        } catch (IOException | RuntimeException noProc) {
            // not Linux: the harness reports the figure as unavailable
        }
        return "vmHwmKb=" + hwm + " vmRssKb=" + rss;
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
