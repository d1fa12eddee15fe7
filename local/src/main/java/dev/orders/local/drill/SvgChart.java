package dev.orders.local.drill;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart as a self-contained SVG (no script, no external file): one polyline per series over a shared time
 * axis, shaded bands where a fault was on, axis labels in seconds from the first point. Drawn from the recorded
 * metrics, so the report shows what CloudWatch (locally) recorded, not what the drill believed.
 */
final class SvgChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private SvgChart() {}

    static String render(Outcome.Chart chart) {
        long minT = Long.MAX_VALUE;
        long maxT = Long.MIN_VALUE;
        double maxV = 0;
        for (Map<Long, Double> series : chart.series().values()) {
            for (Map.Entry<Long, Double> p : series.entrySet()) {
                minT = Math.min(minT, p.getKey());
                maxT = Math.max(maxT, p.getKey());
                maxV = Math.max(maxV, p.getValue());
            }
        }
        for (long[] band : chart.shaded()) {
            minT = Math.min(minT, band[0]);
            maxT = Math.max(maxT, band[1]);
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.append("<title>").append(escape(chart.title())).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"")
                .append(LEFT)
                .append("\" y=\"16\" font-size=\"13\" font-weight=\"bold\">")
                .append(escape(chart.title()))
                .append("</text>\n");
        if (minT == Long.MAX_VALUE) {
            svg.append("<text x=\"")
                    .append(WIDTH / 2)
                    .append("\" y=\"")
                    .append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">no data recorded</text>\n</svg>\n");
            return svg.toString();
        }
        long spanT = Math.max(1, maxT - minT);
        double top = maxV <= 0 ? 1 : niceCeiling(maxV);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        for (long[] band : chart.shaded()) {
            double x0 = LEFT + (band[0] - minT) * plotW / (double) spanT;
            double x1 = LEFT + (band[1] - minT) * plotW / (double) spanT;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"fault\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#fdd\"/>%n",
                    x0,
                    TOP,
                    Math.max(1, x1 - x0),
                    plotH));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT,
                TOP + plotH,
                LEFT + plotW,
                TOP + plotH));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT,
                TOP,
                LEFT,
                TOP + plotH));
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6,
                    y + 4,
                    number(v)));
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    LEFT,
                    y,
                    LEFT + plotW,
                    y));
        }
        for (int i = 0; i <= 4; i++) {
            double x = LEFT + plotW * i / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%ss</text>%n",
                    x,
                    TOP + plotH + 16,
                    number(spanT * i / 4.0)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds (platform time) · %s</text>%n",
                LEFT + plotW / 2,
                HEIGHT - 6,
                escape(chart.unit())));
        int index = 0;
        for (Map.Entry<String, Map<Long, Double>> series : chart.series().entrySet()) {
            String color = COLORS[index % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (Map.Entry<Long, Double> p : series.getValue().entrySet()) {
                double x = LEFT + (p.getKey() - minT) * plotW / (double) spanT;
                double y = TOP + plotH - p.getValue() / top * plotH;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"")
                    .append(color)
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().strip())
                    .append("\"><title>")
                    .append(escape(series.getKey()))
                    .append("</title></polyline>\n");
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    LEFT + 8,
                    TOP + 12 + index * 13,
                    color,
                    escape(series.getKey())));
            index++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : List.of(1.0, 2.0, 2.5, 5.0, 10.0)) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
