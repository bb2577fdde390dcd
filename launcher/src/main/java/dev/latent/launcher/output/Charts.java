package dev.latent.launcher.output;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of a run drawn to PNG with XChart (Apache 2.0), headless: scatter plots of 2-D
 * points coloured by label (latent spaces), and line charts of values per epoch (loss curves).
 * Labels take the ten colours of matplotlib's {@code tab10} palette, in order; past ten they
 * repeat with another marker shape. Stateless.
 */
public final class Charts {

    /** matplotlib's tab10, the colours readers of latent-space plots know. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.CROSS};

    private Charts() {
    }

    /** One line of a line chart: its name, x values and y values (same length). */
    public record Line(String name, double[] x, double[] y) {
    }

    /**
     * A scatter plot of {@code points} (n rows of 2), each coloured by its label, with a legend
     * of the labels present; unlabelled points ({@code labels} empty) are drawn in one colour.
     * Writes the PNG to {@code out}.
     */
    public static void scatter(String title, String xTitle, String yTitle, double[][] points, int[] labels,
                               OutputStream out) throws IOException {
        XYChart chart = base(title, xTitle, yTitle, 900, 760);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(5);
        TreeMap<Integer, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < points.length; i++) {
            byLabel.computeIfAbsent(labels.length == 0 ? 0 : labels[i], k -> new ArrayList<>()).add(i);
        }
        for (var e : byLabel.entrySet()) {
            int label = e.getKey();
            List<Integer> members = e.getValue();
            double[] x = new double[members.size()];
            double[] y = new double[members.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points[members.get(i)][0];
                y[i] = points[members.get(i)][1];
            }
            XYSeries s = chart.addSeries(labels.length == 0 ? "samples" : Integer.toString(label), x, y);
            int slot = Math.floorMod(label, PALETTE.length);
            Color c = PALETTE[slot];
            s.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 170));
            s.setMarker(MARKERS[Math.floorMod(Math.floorDiv(label, PALETTE.length), MARKERS.length)]);
        }
        chart.getStyler().setLegendVisible(labels.length != 0);
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * A line chart of {@code lines}, markers on each value; the y axis is logarithmic when every
     * value is positive and they span more than a factor of 100. Writes the PNG to {@code out}.
     */
    public static void lines(String title, String xTitle, String yTitle, List<Line> lines, OutputStream out)
            throws IOException {
        XYChart chart = base(title, xTitle, yTitle, 900, 480);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(5);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int i = 0;
        for (Line line : lines) {
            XYSeries s = chart.addSeries(line.name(), line.x(), line.y());
            Color c = PALETTE[i % PALETTE.length];
            s.setLineColor(c);
            s.setMarkerColor(c);
            s.setMarker(SeriesMarkers.CIRCLE);
            for (double v : line.y()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            i++;
        }
        chart.getStyler().setYAxisLogarithmic(min > 0 && max / min > 100);
        chart.getStyler().setYAxisDecimalPattern("0.#####");
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart base(String title, String xTitle, String yTitle, int width, int height) {
        System.setProperty("java.awt.headless", "true");      // never look for a display
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(0xcccccc));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xeeeeee));
        return chart;
    }
}
