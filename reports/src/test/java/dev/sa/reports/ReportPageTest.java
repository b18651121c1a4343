package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** What a reader sees (issue 18): section order, words not keys, offline, fixed colours, size. */
class ReportPageTest {

    /** Internal keys of the app's files: snake_case words such as val_nme_truth or truth_full. */
    private static final Pattern KEY = Pattern.compile("\\b[a-z]+(_[a-z0-9]+)+\\b");

    @TempDir
    Path temp;

    /** The page's text: data URIs, the style sheet and tags removed. */
    private static String visible(String html) {
        return html.replaceAll("data:[^\"]*", "").replaceAll("(?s)<style>.*?</style>", "").replaceAll("<[^>]*>", " ");
    }

    @Test
    void sectionsComeInReadingOrderWithTheAppendixCollapsed() throws IOException {
        Path run = Fixtures.quickStartRun(temp);
        String html = Files.readString(ReportBuilder.forRuns(List.of(run)).writeTo(temp.resolve("out")).html());
        List<String> order = List.of("<h2>Summary</h2>", "<ul class=\"findings\">", "<h2>Accuracy</h2>",
                "<h2>Comparison with the control</h2>", "<h2>CED curves</h2>", "<h2>Training curves</h2>",
                "<h2>Label movement</h2>", "<details class=\"appendix\" id=\"appendix\">", "<h3>Runs</h3>",
                "<h3>Figures from the run</h3>", "</details>");
        int last = -1;
        for (String marker : order) {
            int at = html.indexOf(marker);
            assertThat(at).as(marker).isGreaterThan(last);
            last = at;
        }
        assertThat(html).doesNotContain("<details open");
        // The main table of the summary is the NME against the truth; the comparison is on full.
        String summary = html.substring(html.indexOf("<h2>Summary</h2>"), html.indexOf("<h2>Accuracy</h2>"));
        assertThat(summary).contains("NME (%) against the true landmarks").contains("Difference against the control on the full subset")
                .contains("HGs+SA is ").contains("than HGs (long) on the full subset");
    }

    @Test
    void noInternalKeysAndNoNetworkReferences() throws IOException {
        Path run = Fixtures.quickStartRun(temp);
        ReportSummary summary = ReportBuilder.forRuns(List.of(run)).writeTo(temp.resolve("out"));
        String html = Files.readString(summary.html());
        String text = visible(html);
        Matcher keys = KEY.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (keys.find()) {
            found.add(keys.group());
        }
        assertThat(found).as("internal keys a reader would see").isEmpty();
        assertThat(text).doesNotContain("val_nme_truth", "search_only_seconds", "truth_full", "headroom_captured");
        assertThat(html).doesNotContainPattern("(?i)https?://").doesNotContain("<script").doesNotContain("src=\"charts/")
                .doesNotContain("src=\"figures/");
        // Every chart's title, axis titles and series names are words too.
        for (ChartKit.Figure f : ReportBuilder.forRuns(List.of(run)).charts(MetricsTable.load(List.of(run)))) {
            List<String> words = new java.util.ArrayList<>(List.of(f.chart().getTitle(), f.caption()));
            if (f.chart() instanceof XYChart xy) {
                words.add(xy.getXAxisTitle());
                words.add(xy.getYAxisTitle());
                words.addAll(xy.getSeriesMap().keySet());
            }
            assertThat(words).as(f.id()).allSatisfy(w -> assertThat(KEY.matcher(w).find()).as(w).isFalse());
        }
    }

    @Test
    void everyVariantKeepsOneColourAcrossEveryChart() throws IOException {
        Path run = Fixtures.quickStartRun(temp);
        List<String> variants = List.of("HGs", "HGs (long)", "HGs+SA", "HGs+SA w/o update", "oracle");
        Map<String, Color> seen = new HashMap<>();
        int charts = 0;
        for (ChartKit.Figure f : ReportBuilder.forRuns(List.of(run)).charts(MetricsTable.load(List.of(run)))) {
            if (!(f.chart() instanceof XYChart xy)) {
                continue;
            }
            boolean counted = false;
            for (Map.Entry<String, XYSeries> s : xy.getSeriesMap().entrySet()) {
                String name = s.getKey().strip();
                if (variants.contains(name)) {
                    Color color = s.getValue().getLineColor() != null ? s.getValue().getLineColor() : s.getValue().getMarkerColor();
                    assertThat(color).as(f.id() + " / " + name).isNotNull();
                    Color first = seen.putIfAbsent(name, color);
                    assertThat(color).as(f.id() + " / " + name).isEqualTo(first == null ? color : first);
                    counted = true;
                }
            }
            charts += counted ? 1 : 0;
        }
        assertThat(charts).isGreaterThan(5);
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(variants);
        assertThat(seen.values()).doesNotHaveDuplicates();
        assertThat(seen.values()).allSatisfy(c -> assertThat(SeriesStyles.PALETTE).contains(c));
    }

    @Test
    void cedRangeComesFromTheDataAndTheMeanShapeDoesNotSetIt() {
        Map<String, List<Double>> series = new HashMap<>();
        series.put("HGs", List.of(0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.20));
        series.put("mean-shape", List.of(0.5, 0.6));
        // 95th percentile of HGs: 0.09 + 0.55 * (0.20 - 0.09) = 0.1505 -> 16 %
        assertThat(CurveCharts.cedRange(series)).isEqualTo(0.16);
        assertThat(CurveCharts.cedRange(Map.of("HGs", List.of(0.01, 0.02)))).isEqualTo(0.08);
    }

    @Test
    void quickStartSizedReportStaysUnderTwoMegabytes() throws IOException {
        Path run = Fixtures.quickStartRun(temp);
        ReportSummary summary = ReportBuilder.forRuns(List.of(run)).writeTo(temp.resolve("out"));
        assertThat(Files.size(summary.html())).isLessThan(2_000_000L);
    }
}
