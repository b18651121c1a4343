package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path temp;

    @Test
    void singleRunWritesTablesChartsAndSelfContainedPages() throws IOException {
        Path run = Fixtures.fullRun(temp, "run-a", 1);
        Path out = ReportBuilder.defaultOutputDir(run);
        ReportSummary summary = ReportBuilder.forRuns(List.of(run)).writeTo(out);

        assertThat(summary.html()).isEqualTo(out.resolve("report.html")).exists();
        assertThat(summary.files()).allSatisfy(f -> assertThat(f).exists());
        assertThat(summary.tables()).extracting(ReportTable::id).contains("run-info", "nme-annotation", "nme-truth",
                "nme-inter-ocular-annotation", "auc-0.08-annotation", "fr-0.08-annotation", "fr-0.10-truth",
                "ms-per-face-annotation", "label-recovery", "landmarks-weak-strong", "landmarks-full",
                "sweep-lambda-annotation");
        assertThat(out.resolve("tables/nme-annotation.csv")).exists();
        assertThat(out.resolve("tables/nme-annotation.md")).exists();
        assertThat(out.resolve("tables/landmarks-full.csv")).exists();
        assertThat(out.resolve("tables/landmarks-full.md")).doesNotExist();

        // Every PNG is a real, non-trivial image.
        List<Path> pngs = summary.figures();
        assertThat(pngs).extracting(p -> out.relativize(p).toString().replace('\\', '/')).contains(
                "charts/ced-full-annotation.png", "charts/ced-challenge-truth.png", "charts/history-train-loss.png",
                "charts/history-test-nme-full.png", "charts/history-refiner-train-loss.png", "charts/sa-nme-hgs-sa.png",
                "charts/labels-hgs-sa.png", "charts/landmarks-weak-strong-full-truth.png",
                "charts/sweep-lambda-annotation.png", "figures/example-faces.png");
        for (Path png : pngs) {
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith(PNG_MAGIC);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            if (png.startsWith(out.resolve("charts"))) {
                assertThat(bytes.length).as(png.toString()).isGreaterThan(8_000);
                assertThat(image.getWidth()).isEqualTo(ChartKit.WIDTH);
            }
        }

        String html = Files.readString(summary.html());
        assertThat(html).doesNotContainPattern("(?i)https?://").doesNotContain("src=\"charts/").doesNotContain("<script");
        Matcher images = Pattern.compile("<img [^>]*src=\"data:image/(png|jpeg);base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            byte[] image = java.util.Base64.getDecoder().decode(images.group(2));
            if (images.group(1).equals("png")) {
                assertThat(image).startsWith(PNG_MAGIC);
            } else {
                assertThat(image).startsWith((byte) 0xFF, (byte) 0xD8); // JPEG start of image
            }
            count++;
        }
        assertThat(count).isEqualTo(pngs.size());
        assertThat(html).contains("LAB (quoted, CVPR18)").contains("<tr class=\"quoted\">")
                .contains("normalised by the inter-pupil distance").doesNotContain("0.30000000000000004");

        String markdown = Files.readString(summary.markdown());
        Matcher links = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)").matcher(markdown);
        int linked = 0;
        while (links.find()) {
            assertThat(out.resolve(links.group(1))).exists();
            linked++;
        }
        assertThat(linked).isEqualTo(pngs.size());
        assertThat(markdown).contains("| HGs+SA (quoted, paper Table 2) |");

        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void labelRecoveryLandmarksAndSweepTables() throws IOException {
        Path run = Fixtures.fullRun(temp, "run-a", 2);
        Map<String, ReportTable> tables = new java.util.HashMap<>();
        ReportBuilder.forRuns(List.of(run)).writeTo(temp.resolve("out")).tables().forEach(t -> tables.put(t.id(), t));

        var labels = tables.get("label-recovery").table();
        assertThat(labels.columnNames()).containsExactly("variant", "human weak", "human strong", "searched weak", "searched strong");
        assertThat(labels.doubleColumn("searched weak").get(0)).isEqualTo(2.77);

        var landmarks = tables.get("landmarks-weak-strong").table();
        assertThat(landmarks.intColumn("weak points").get(0)).isEqualTo(21);
        assertThat(landmarks.intColumn("strong points").get(0)).isEqualTo(47);
        assertThat(landmarks.doubleColumn("weak mean").get(0)).isGreaterThan(landmarks.doubleColumn("strong mean").get(0));

        var sweep = tables.get("sweep-lambda-annotation").table();
        assertThat(sweep.stringColumn("lambda").asList()).containsExactly("0", "0.01", "0.1", "0.5");
        assertThat(sweep.doubleColumn("full").getString(3)).isEqualTo("4.50");

        String csv = Files.readString(temp.resolve("out/tables/nme-inter-ocular-annotation.csv"));
        assertThat(csv).contains("HGs+SA,1,0.30").doesNotContain("0.30000000000000004");
    }

    @Test
    void labelRecoveryShowsTheSharedOffsetWhenTheRunMeasuredIt() throws IOException {
        Path run = Fixtures.fullRun(temp, "run-a", 2);
        Files.writeString(run.resolve("metrics.csv"), "\nHGs+SA,train,truth,label_bias_human_weak,2.10"
                + "\nHGs+SA,train,truth,label_bias_searched_weak,2.05", java.nio.file.StandardOpenOption.APPEND);
        Map<String, ReportTable> tables = new java.util.HashMap<>();
        ReportBuilder.forRuns(List.of(run)).writeTo(temp.resolve("out")).tables().forEach(t -> tables.put(t.id(), t));

        ReportTable labels = tables.get("label-recovery");
        assertThat(labels.table().columnNames()).containsExactly("variant", "human weak", "human strong", "searched weak",
                "searched strong", "human weak bias", "searched weak bias");
        assertThat(labels.table().doubleColumn("human weak bias").get(0)).isEqualTo(2.10);
        assertThat(labels.table().doubleColumn("searched weak bias").get(0)).isEqualTo(2.05);
        assertThat(labels.caption()).contains("Bias = per weak point");
        // Not repeated in the catch-all table of other metrics.
        assertThat(tables.values().stream().filter(t -> !t.id().equals("label-recovery"))
                .flatMap(t -> t.table().columns().stream()).flatMap(c -> c.asStringColumn().asList().stream()))
                .noneMatch(v -> v.contains("shared offset"));
    }

    @Test
    void twoRunsCombineIntoOneComparison() throws IOException {
        Path a = Fixtures.fullRun(temp, "run-a", 3);
        Path b = Fixtures.fullRun(temp, "run-b", 4);
        ReportSummary summary = ReportBuilder.forRuns(List.of(a, b)).cedMaxError(0.08).writeTo(temp.resolve("cmp"));

        var nme = summary.tables().stream().filter(t -> t.id().equals("nme-annotation")).findFirst().orElseThrow().table();
        assertThat(nme.stringColumn("run").asList()).containsSequence("run-a", "run-a", "run-a", "run-a", "run-b");
        // The same reference.csv in both runs gives its quoted rows once.
        assertThat(nme.stringColumn("variant").asList().stream().filter(v -> v.startsWith("LAB"))).hasSize(1);
        assertThat(summary.figures()).extracting(p -> temp.resolve("cmp").relativize(p).toString().replace('\\', '/'))
                .contains("figures/run-a/example-faces.png", "figures/run-b/example-faces.png");
        String html = Files.readString(summary.html());
        assertThat(html).contains("run-a / HGs+SA").contains("run-b / HGs+SA");
        var info = summary.tables().get(0).table();
        assertThat(info.columnNames()).containsExactly("key", "run-a", "run-b");
    }

    @Test
    void phasesThatRestartTheirEpochCountFollowEachOther() throws IOException {
        Path dir = temp.resolve("h");
        Fixtures.write(dir.resolve("metrics.csv"), "variant,subset,target,metric,value");
        Fixtures.write(dir.resolve("history.csv"), "variant,phase,epoch,metric,value",
                "A,baseline,1,train_loss,1", "A,baseline,5,train_loss,1", "A,sa,1,train_loss,1", "A,sa,3,train_loss,1",
                "B,baseline,0,train_loss,1", "B,baseline,4,train_loss,1", "B,sa,5,train_loss,1");
        var offsets = HistoryCharts.offsets(RunData.load(dir), false);
        assertThat(offsets.get("A")).containsEntry("baseline", 0).containsEntry("sa", 5);
        // Epochs already counted on from the baseline keep their numbers.
        assertThat(offsets.get("B")).containsEntry("sa", 0);
    }

    @Test
    void aCurveOfTheContinuationAloneHasNoBaselineEndLine() throws IOException {
        Path dir = temp.resolve("continuation");
        Fixtures.write(dir.resolve("metrics.csv"), "variant,subset,target,metric,value");
        // evaluate.perEpoch: continuation: the test curve starts after the baseline, the validation curve does not;
        // the line (and its caption) only where the chart has epochs before it (else XChart draws it off the plot)
        Fixtures.write(dir.resolve("history.csv"), "variant,phase,epoch,metric,value",
                "HGs,baseline,1,val_nme,9", "HGs,baseline,2,val_nme,8", "SA,baseline,1,val_nme,9", "SA,baseline,2,val_nme,8",
                "SA,sa,1,val_nme,7", "SA,sa,2,val_nme,6", "SA,sa,1,test_nme_full,7.5", "SA,sa,2,test_nme_full,6.5");
        List<RunData> runs = List.of(RunData.load(dir));
        var figures = new HistoryCharts(runs, SeriesStyles.of(runs)).all();
        var byId = new java.util.HashMap<String, ChartKit.Figure>();
        figures.forEach(f -> byId.put(f.id(), f));
        assertThat(byId.get("history-val-nme").caption()).contains("The vertical line marks where the baseline phase ends");
        assertThat(byId.get("history-test-nme-full").caption()).doesNotContain("vertical line");
    }

    @Test
    void sparseAndUndefinedValuesStillDraw() throws IOException {
        Path dir = temp.resolve("sparse");
        Fixtures.write(dir.resolve("metrics.csv"), "variant,subset,target,metric,value",
                "HGs,full,annotation,nme,NaN", "HGs,full,annotation,fr@0.08,100");
        Fixtures.write(dir.resolve("errors.csv"), "variant,subset,target,face,nme", "HGs,full,annotation,a,NaN",
                "HGs,full,annotation,b,0.5");
        Fixtures.write(dir.resolve("landmark-errors.csv"), "variant,subset,target,landmark,weak,nme",
                "HGs,full,annotation,jaw,true,NaN", "HGs,full,annotation,eye,false,2.0");
        Fixtures.write(dir.resolve("history.csv"), "variant,phase,epoch,metric,value", "HGs,sa,1,train_loss,0.5",
                "HGs,sa,1,label_move,NaN", "HGs,baseline,1,val_nme,NaN");
        ReportSummary summary = ReportBuilder.forRuns(List.of(dir)).writeTo(temp.resolve("sparse-out"));
        assertThat(summary.figures()).extracting(p -> p.getFileName().toString())
                .contains("ced-full-annotation.png", "history-train-loss.png", "landmarks-profile-full-annotation.png");
        assertThat(Files.readString(summary.markdown())).contains("| HGs     |   1 |    – |");
    }

    @Test
    void runWithOnlyMetricsStillReports() throws IOException {
        Path dir = temp.resolve("bare");
        Fixtures.write(dir.resolve("metrics.csv"), "variant,subset,target,metric,value", "HGs,full,annotation,nme,5.04");
        ReportSummary summary = ReportBuilder.forRuns(List.of(dir)).writeTo(ReportBuilder.defaultOutputDir(dir));
        assertThat(summary.figures()).isEmpty();
        assertThat(Files.readString(summary.markdown())).contains("an unrecorded normaliser").contains("5.04");
    }
}
