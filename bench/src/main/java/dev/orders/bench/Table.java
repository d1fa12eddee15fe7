package dev.orders.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table the harness prints: each figure beside its baseline, their ratio, and the budget's verdict. */
public final class Table {

    /** Whether a row carries a budget, and if so whether the figure keeps it. */
    public enum Verdict {
        MET("met"),
        MISSED("MISSED"),
        NONE("");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public record Row(String measure, String figure, String baseline, String ratio, String budget, Verdict verdict) {}

    private final List<Row> rows = new ArrayList<>();

    public Table add(Row row) {
        rows.add(row);
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public boolean anyMissed() {
        return rows.stream().anyMatch(r -> r.verdict() == Verdict.MISSED);
    }

    public static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    public static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    /** A Markdown table, so the same text goes into docs/performance.md unchanged. */
    public String render() {
        String[] header = {"measure", "figure", "baseline", "ratio", "budget", "verdict"};
        List<String[]> cells = new ArrayList<>();
        cells.add(header);
        for (Row r : rows) {
            cells.add(new String[] {
                r.measure(),
                r.figure(),
                r.baseline(),
                r.ratio(),
                r.budget(),
                r.verdict().text()
            });
        }
        int[] widths = new int[header.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            out.append(line(cells.get(n), widths));
            if (n == 0) {
                String[] rule = new String[header.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                out.append(line(rule, widths));
            }
        }
        return out.toString();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            line.append(' ')
                    .append(cells[i])
                    .append(" ".repeat(widths[i] - cells[i].length()))
                    .append(" |");
        }
        return line.append('\n').toString();
    }
}
