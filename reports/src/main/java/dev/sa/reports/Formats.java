package dev.sa.reports;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Per-column number formats, chosen by metric so that no table prints binary noise such as
 * 0.19999999999999996: NME and failure rates in percent with 2 decimals (as the paper's tables),
 * AUC as a fraction with 4, timings with 1. Locale-independent (always a '.' decimal point, no
 * grouping) so the CSV output parses everywhere.
 */
final class Formats {

    private Formats() {}

    /** Formatter for a column of the given metric name (metrics.csv {@code metric} column). */
    static NumberColumnFormatter forMetric(String metric) {
        return decimals(decimalsFor(metric));
    }

    static int decimalsFor(String metric) {
        if (metric.startsWith("auc")) {
            return 4;
        }
        if (metric.startsWith("ms_") || metric.endsWith("_seconds")) {
            return 1;
        }
        return 2;
    }

    /** An empty number column printed with {@code formatter}. */
    static DoubleColumn column(String name, NumberColumnFormatter formatter) {
        DoubleColumn column = DoubleColumn.create(name);
        column.setPrintFormatter(formatter);
        return column;
    }

    /** Fixed number of decimals; missing values print as "" (renderers may substitute a dash). */
    static NumberColumnFormatter decimals(int digits) {
        return new NumberColumnFormatter(format(digits), "");
    }

    static DecimalFormat format(int digits) {
        DecimalFormat format = new DecimalFormat(digits == 0 ? "0" : "0." + "0".repeat(digits),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setGroupingUsed(false);
        return format;
    }

    /** Formats one value the same way as a column of {@code metric} would. */
    static String value(String metric, double value) {
        return Double.isNaN(value) ? "NaN" : format(decimalsFor(metric)).format(value);
    }

    /** Human title of a metric for captions and axis labels. */
    static String title(String metric) {
        if (metric.equals("nme")) {
            return "NME (%)";
        }
        if (metric.startsWith("nme_")) {
            return "NME (%) normalised by " + Captions.normalizerName(metric.substring(4));
        }
        if (metric.startsWith("auc@")) {
            return "AUC@" + metric.substring(4) + " (area under the CED up to " + metric.substring(4) + ", a fraction)";
        }
        if (metric.startsWith("fr@")) {
            return "Failure rate @" + metric.substring(3) + " (% of faces with NME > " + metric.substring(3) + ")";
        }
        if (metric.equals("ms_per_face")) {
            return "Time per face (ms)";
        }
        return metric;
    }

    /** A file-name-safe stem: lower case, runs of other characters collapsed to '-'. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "x" : s;
    }
}
