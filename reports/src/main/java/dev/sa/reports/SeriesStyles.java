package dev.sa.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One fixed colour and marker per variant (or run / variant) across every chart of a report, so a
 * reader learns the legend once. Colours are the Okabe-Ito palette, safe for the common forms of
 * colour blindness; the mean-shape reference and a shared baseline are grey.
 */
final class SeriesStyles {

    /** Okabe-Ito, with yellow last: it is the weakest on white. */
    static final List<Color> PALETTE = List.of(new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(86, 180, 233), new Color(230, 159, 0), new Color(0, 0, 0),
            new Color(240, 228, 66));
    static final List<Marker> MARKERS = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS);
    /** Reference lines (mean shape) and the shared baseline. */
    static final Color GREY = new Color(128, 128, 128);
    static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {6f, 4f}, 0f);

    private final Map<String, Integer> index = new LinkedHashMap<>();

    /** Styles for these names, in this order (the config's variant order). */
    SeriesStyles(List<String> names) {
        for (String name : names) {
            if (!isReference(name)) {
                index.putIfAbsent(name, index.size());
            }
        }
    }

    /** Every variant of the runs, measured rows first, then those only in history or face errors. */
    static SeriesStyles of(List<RunData> runs) {
        boolean multiRun = runs.size() > 1;
        List<String> names = new java.util.ArrayList<>();
        for (RunData run : runs) {
            String prefix = multiRun ? run.label() + " / " : "";
            run.metrics().forEach(m -> names.add(prefix + m.variant()));
            run.history().forEach(p -> names.add(prefix + p.variant()));
            run.faceErrors().forEach(e -> names.add(prefix + e.variant()));
            run.landmarkErrors().forEach(e -> names.add(prefix + e.variant()));
        }
        return new SeriesStyles(names);
    }

    /** Whether {@code name} is a variant (or the mean-shape reference) of the report. */
    boolean knows(String name) {
        return index.containsKey(name) || isReference(name);
    }

    Color color(String name) {
        Integer i = index.get(name);
        return i == null ? GREY : PALETTE.get(i % PALETTE.size());
    }

    Marker marker(String name) {
        Integer i = index.get(name);
        return i == null ? SeriesMarkers.NONE : MARKERS.get(i % MARKERS.size());
    }

    /** Whether this series is a reference (mean shape) rather than a method. */
    static boolean isReference(String name) {
        return ControlComparison.isReference(strip(name));
    }

    /** Colours a line series; references are grey and dashed; {@code markers} false for dense lines. */
    void apply(XYSeries series, String name, boolean markers) {
        series.setLineColor(color(name));
        series.setMarkerColor(color(name));
        series.setMarker(markers ? marker(name) : SeriesMarkers.NONE);
        // Set always: XChart otherwise cycles solid, dash-dot, dashed and dotted by series index.
        series.setLineStyle(isReference(name) ? DASHED : SeriesLines.SOLID);
    }

    /** The variant part of "run / variant". */
    private static String strip(String name) {
        int cut = name.lastIndexOf(" / ");
        return cut < 0 ? name : name.substring(cut + 3);
    }
}
