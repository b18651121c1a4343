package dev.sa.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.awt.Font;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** Shared look of every chart, and PNG encoding; runs headless (no display needed). */
final class ChartKit {

    static {
        // Charts are drawn off-screen; without this a JVM on a server without X11 can fail in AWT.
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 820;
    static final int HEIGHT = 520;

    /** A chart waiting to be encoded, with the id (file stem) and caption it is shown with. */
    record Figure(String id, String section, String caption, Chart<?, ?> chart) {
        Figure {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(section, "section");
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(chart, "chart");
        }
    }

    private ChartKit() {}

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartKit::tickLabel);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartKit::tickLabel);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return chart;
    }

    /**
     * A logarithmic y axis. XChart 3.8.8 lays a custom tick formatter's ticks out linearly and
     * ignores the log flag, so the formatter is dropped here and its decade labels are used.
     */
    static void logarithmicY(XYChart chart) {
        chart.getStyler().setyAxisTickLabelsFormattingFunction(null);
        chart.getStyler().setYAxisLogarithmic(true);
    }

    static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartKit::tickLabel);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    private static void style(org.knowm.xchart.style.AxesChartStyler styler) {
        styler.setSeriesColors(SeriesStyles.PALETTE.toArray(Color[]::new));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(160, 160, 160));
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setLegendBorderColor(new Color(200, 200, 200));
        styler.setLocale(java.util.Locale.ROOT);
        styler.setAntiAlias(true);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    /**
     * Tick labels with as many digits as the tick needs (0.005, 0.01, 2.5e-6 as 0.0000025). Never
     * use a fixed decimal pattern: when two ticks round to the same label, XChart 3.8.8 draws the
     * axis about 5 % off the data (seen with "0.00" at a 0.005 tick spacing).
     */
    static String tickLabel(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : String.valueOf(value);
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * PNG bytes of a chart, 820 x 520 at 72 dpi. SVG was tried (XChart's VectorGraphicsEncoder works
     * offline), but XChart draws every label as glyph outlines, which made each chart about twice the
     * PNG's size and the quick-start's page too large to mail.
     */
    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as PNG: " + e.getMessage(), e);
        }
    }

    /**
     * Adds an invisible point so that the union of y values is not evenly spaced. XChart 3.8.8 puts
     * ticks only at data values when all values are evenly spaced (a CED's k/n steps are), which
     * gives labels like 96.6667; with the extra point it chooses round steps.
     */
    static void breakEvenSpacing(XYChart chart, double xMax, double yMax) {
        XYSeries anchor = chart.addSeries(uniqueName(chart, " "), new double[] {0.381966 * xMax}, new double[] {0.618034 * yMax});
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setLineStyle(SeriesLines.NONE);
        anchor.setShowInLegend(false);
    }

    /** Series names must be unique in XChart; append " (2)", " (3)" to repeats. */
    static String uniqueName(Chart<?, ?> chart, String name) {
        String candidate = name;
        for (int n = 2; chart.getSeriesMap().containsKey(candidate); n++) {
            candidate = name + " (" + n + ")";
        }
        return candidate;
    }
}
