package io.tokenized.trading.examples;

import io.tokenized.trading.core.engine.BookSnapshot;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simulation's report as one self-contained HTML page: inline SVG charts of the price and the volume over
 * time and of the final depth, inline CSS, nothing loaded from the network. Each SVG element is
 * well-formed XML on its own.
 *
 * <p>Pixel coordinates are computed in {@code double}: they place marks on a chart, they are not money.
 * The prices and quantities printed in the page are exact decimals. Stateless; thread-safe.
 */
final class HtmlReport {
    private static final int WIDTH = 860;
    private static final int HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;
    private static final int MAX_POINTS = 300;

    private HtmlReport() {
    }

    static void write(Path file, Simulation.Result result, String where) throws IOException {
        Files.writeString(file, html(result, where), StandardCharsets.UTF_8);
    }

    static String html(Simulation.Result result, String where) {
        List<long[]> series = series(result);
        StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Simulation of ").append(escape(result.settings().market())).append("</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}")
                .append("th{text-align:left}svg{display:block;margin:0.5em 0 2em}")
                .append("</style>\n</head>\n<body>\n");
        page.append("<h1>Simulation of ").append(escape(result.settings().market())).append("</h1>\n");
        page.append("<p>").append(escape(where)).append("</p>\n<table>\n");
        row(page, "traders (threads)", String.valueOf(result.settings().submitters()));
        row(page, "accounts", String.valueOf(result.settings().accounts()));
        row(page, "commands", String.valueOf(result.commands()));
        row(page, "trades", String.valueOf(result.trades()));
        row(page, "commands/s", String.valueOf(result.commandsPerSecond()));
        row(page, "latency p50 / p99 / p99.9", micros(result.latencies().getValueAtPercentile(50)) + " / "
                + micros(result.latencies().getValueAtPercentile(99)) + " / "
                + micros(result.latencies().getValueAtPercentile(99.9)) + " µs");
        row(page, "audit", result.audit().isClean() ? "clean" : result.audit().breaks().size() + " break(s)");
        page.append("</table>\n");
        page.append("<h2>Price</h2>\n").append(priceChart(series));
        page.append("<h2>Volume</h2>\n").append(volumeChart(series));
        page.append("<h2>Depth at sequence ").append(result.book().sequence()).append("</h2>\n")
                .append(depthChart(result.book()));
        page.append("</body>\n</html>\n");
        return page.toString();
    }

    /**
     * The trades as at most {@value #MAX_POINTS} points of {seconds x 1000, last price ticks, volume lots},
     * merging neighbouring time slices when there are more.
     */
    private static List<long[]> series(Simulation.Result result) {
        List<long[]> points = new ArrayList<>();
        if (result.buckets().isEmpty()) {
            return points;
        }
        long lastSlice = result.buckets().lastKey();
        long merge = Math.max(1, (lastSlice + MAX_POINTS) / MAX_POINTS);
        long[] current = null;
        for (Map.Entry<Long, Simulation.Bucket> entry : result.buckets().entrySet()) {
            long group = entry.getKey() / merge;
            long millis = (group + 1) * merge * Simulation.Result.bucketNanos() / 1_000_000;
            Simulation.Bucket bucket = entry.getValue();
            synchronized (bucket) {
                if (current == null || current[3] != group) {
                    current = new long[] {millis, bucket.lastTicks, 0, group};
                    points.add(current);
                }
                current[1] = bucket.lastTicks;
                current[2] += bucket.volumeLots;
            }
        }
        return points;
    }

    private static String priceChart(List<long[]> points) {
        if (points.isEmpty()) {
            return "<p>No trades.</p>\n";
        }
        long minPrice = Long.MAX_VALUE;
        long maxPrice = Long.MIN_VALUE;
        for (long[] point : points) {
            minPrice = Math.min(minPrice, point[1]);
            maxPrice = Math.max(maxPrice, point[1]);
        }
        long endMillis = points.get(points.size() - 1)[0];
        Frame frame = new Frame(0, endMillis, minPrice - 1, maxPrice + 1);
        StringBuilder svg = frame.open("Last trade price over time");
        StringBuilder path = new StringBuilder();
        for (long[] point : points) {
            path.append(path.length() == 0 ? "M" : " L").append(frame.x(point[0])).append(' ')
                    .append(frame.y(point[1]));
        }
        svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"1.5\"/>\n");
        frame.axes(svg, seconds(0), seconds(endMillis), price(minPrice - 1), price(maxPrice + 1), "time (s)", "price");
        return svg.append("</svg>\n").toString();
    }

    private static String volumeChart(List<long[]> points) {
        if (points.isEmpty()) {
            return "<p>No trades.</p>\n";
        }
        long maxVolume = 1;
        for (long[] point : points) {
            maxVolume = Math.max(maxVolume, point[2]);
        }
        long endMillis = points.get(points.size() - 1)[0];
        Frame frame = new Frame(0, endMillis, 0, maxVolume);
        StringBuilder svg = frame.open("Traded quantity over time");
        double barWidth = Math.max(1.0, (WIDTH - LEFT - RIGHT) / (double) points.size() - 1);
        for (long[] point : points) {
            double top = frame.yValue(point[2]);
            svg.append("<rect x=\"").append(format(frame.xValue(point[0]) - barWidth)).append("\" y=\"")
                    .append(format(top)).append("\" width=\"").append(format(barWidth)).append("\" height=\"")
                    .append(format(HEIGHT - BOTTOM - top)).append("\" fill=\"#8b949e\"/>\n");
        }
        frame.axes(svg, seconds(0), seconds(endMillis), "0", String.valueOf(maxVolume), "time (s)", "quantity");
        return svg.append("</svg>\n").toString();
    }

    private static String depthChart(BookSnapshot book) {
        if (book.bids().isEmpty() && book.asks().isEmpty()) {
            return "<p>The book is empty.</p>\n";
        }
        List<BookSnapshot.Level> bids = book.bids();
        List<BookSnapshot.Level> asks = book.asks();
        BigDecimal low = (bids.isEmpty() ? asks.get(0) : bids.get(bids.size() - 1)).price();
        BigDecimal high = (asks.isEmpty() ? bids.get(0) : asks.get(asks.size() - 1)).price();
        BigDecimal bidTotal = total(bids);
        BigDecimal askTotal = total(asks);
        BigDecimal maxTotal = bidTotal.max(askTotal).max(BigDecimal.ONE);
        Frame frame = new Frame(low.doubleValue(), high.doubleValue(), 0, maxTotal.doubleValue());
        StringBuilder svg = frame.open("Cumulative quantity by price: bids left, asks right");
        svg.append(side(frame, bids, "#2da44e")).append(side(frame, asks, "#cf222e"));
        frame.axes(svg, low.toPlainString(), high.toPlainString(), "0", maxTotal.toPlainString(), "price", "quantity");
        return svg.append("</svg>\n").toString();
    }

    /** A step line from the best price outwards, of the cumulative quantity. */
    private static String side(Frame frame, List<BookSnapshot.Level> levels, String colour) {
        if (levels.isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        BigDecimal cumulative = BigDecimal.ZERO;
        double baseline = frame.yValue(0);
        path.append('M').append(format(frame.xValue(levels.get(0).price().doubleValue()))).append(' ')
                .append(format(baseline));
        for (BookSnapshot.Level level : levels) {
            double x = frame.xValue(level.price().doubleValue());
            path.append(" L").append(format(x)).append(' ').append(format(frame.yValue(cumulative.doubleValue())));
            cumulative = cumulative.add(level.quantity());
            path.append(" L").append(format(x)).append(' ').append(format(frame.yValue(cumulative.doubleValue())));
        }
        return "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"/>\n";
    }

    private static BigDecimal total(List<BookSnapshot.Level> levels) {
        BigDecimal total = BigDecimal.ZERO;
        for (BookSnapshot.Level level : levels) {
            total = total.add(level.quantity());
        }
        return total;
    }

    /** Maps values to pixels inside the plot area. */
    private static final class Frame {
        private final double minX;
        private final double maxX;
        private final double minY;
        private final double maxY;

        Frame(double minX, double maxX, double minY, double maxY) {
            this.minX = minX;
            this.maxX = maxX > minX ? maxX : minX + 1;
            this.minY = minY;
            this.maxY = maxY > minY ? maxY : minY + 1;
        }

        StringBuilder open(String title) {
            return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\""
                    + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\">\n<title>"
                    + escape(title) + "</title>\n");
        }

        double xValue(double value) {
            return LEFT + (value - minX) / (maxX - minX) * (WIDTH - LEFT - RIGHT);
        }

        double yValue(double value) {
            return HEIGHT - BOTTOM - (value - minY) / (maxY - minY) * (HEIGHT - TOP - BOTTOM);
        }

        String x(long value) {
            return format(xValue(value));
        }

        String y(long value) {
            return format(yValue(value));
        }

        void axes(StringBuilder svg, String fromX, String toX, String fromY, String toY, String xName, String yName) {
            int bottom = HEIGHT - BOTTOM;
            svg.append("<g stroke=\"#444\" stroke-width=\"1\"><line x1=\"").append(LEFT).append("\" y1=\"").append(TOP)
                    .append("\" x2=\"").append(LEFT).append("\" y2=\"").append(bottom).append("\"/><line x1=\"")
                    .append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y2=\"").append(bottom).append("\"/></g>\n");
            svg.append("<g font-size=\"11\" fill=\"#444\">");
            label(svg, LEFT, bottom + 15, "middle", fromX);
            label(svg, WIDTH - RIGHT, bottom + 15, "end", toX);
            label(svg, (LEFT + WIDTH - RIGHT) / 2, bottom + 32, "middle", xName);
            label(svg, LEFT - 6, bottom, "end", fromY);
            label(svg, LEFT - 6, TOP + 10, "end", toY);
            label(svg, LEFT + 6, TOP + 10, "start", yName);
            svg.append("</g>\n");
        }

        private static void label(StringBuilder svg, int x, int y, String anchor, String text) {
            svg.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor)
                    .append("\">").append(escape(text)).append("</text>");
        }
    }

    private static void row(StringBuilder page, String name, String value) {
        page.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static String price(long ticks) {
        return Simulation.Result.price(ticks).toPlainString();
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static String micros(long nanos) {
        return BigDecimal.valueOf(nanos, 3).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }

    private static String format(double pixels) {
        return String.format(Locale.ROOT, "%.1f", pixels);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
