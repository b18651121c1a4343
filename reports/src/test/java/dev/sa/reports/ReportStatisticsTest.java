package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Seeds, the comparison against the control and jump flags, on a three-seed run; numbers by hand. */
class ReportStatisticsTest {

    @TempDir
    Path temp;

    private Map<String, ReportTable> tables(Path run) {
        return ReportBuilder.forRuns(List.of(run)).writeTo(temp.resolve("out")).tables().stream()
                .collect(Collectors.toMap(ReportTable::id, t -> t));
    }

    @Test
    void cellsAreMeansWithStudentIntervalsOverSeeds() throws IOException {
        Table nme = tables(Fixtures.seededRun(temp, "seeded", "HGs (long)")).get("nme-truth").table();
        assertThat(nme.columnNames()).contains("n", "full", "full ±");
        assertThat(nme.intColumn("n").get(0)).isEqualTo(3);
        // HGs (long): 6.2, 6.9, 6.0 -> mean 6.366667, sd 0.472582, half 4.302653 * 0.472582 / sqrt(3) = 1.173958
        assertThat(nme.doubleColumn("full").get(0)).isCloseTo(6.366667, within(1e-6));
        assertThat(nme.doubleColumn("full ±").get(0)).isCloseTo(1.173958, within(1e-5));
    }

    @Test
    void labelRecoveryOfSeveralSeedsIsTheirMean() throws IOException {
        Path run = Fixtures.seededRun(temp, "seeded", "HGs (long)");
        Files.writeString(run.resolve("metrics.csv"), "\nHGs+SA,train,truth,label_error_searched_weak,3.5,7"
                + "\nHGs+SA,train,truth,label_error_searched_weak,4.6,123", StandardOpenOption.APPEND);
        ReportTable labels = tables(run).get("label-recovery");
        // seeds 42, 7, 123: 4.5, 3.5, 4.6 -> 4.2, not the last seed's 4.6
        assertThat(labels.table().doubleColumn("searched weak").get(0)).isCloseTo(4.2, within(1e-9));
        assertThat(labels.caption()).contains("mean over 3 seeds");
    }

    @Test
    void differenceAgainstTheNamedControlWithVerdictAndHeadroom() throws IOException {
        Table diff = tables(Fixtures.seededRun(temp, "seeded", "HGs (long)")).get("difference-vs-control").table();
        List<String> variants = diff.stringColumn("variant").asList();
        assertThat(variants).containsExactly("HGs+SA", "oracle"); // control and mean shape left out
        int sa = variants.indexOf("HGs+SA");
        int oracle = variants.indexOf("oracle");
        // HGs+SA - control: -0.2, -0.4, -0.1 -> mean -0.23, 95% CI [-0.61, 0.15]: includes 0.
        assertThat(diff.doubleColumn("difference (NME points)").get(sa)).isCloseTo(-0.233333, within(1e-6));
        assertThat(diff.stringColumn("95% CI of the difference").get(sa)).isEqualTo("[-0.61, 0.15]");
        assertThat(diff.stringColumn("verdict").get(sa)).isEqualTo(ControlComparison.UNDECIDED);
        // oracle - control: -0.5, -0.31, -0.29 -> mean -0.366667, sd 0.115902, half 0.287917: excludes 0.
        assertThat(diff.stringColumn("95% CI of the difference").get(oracle)).isEqualTo("[-0.65, -0.08]");
        assertThat(diff.stringColumn("verdict").get(oracle)).isEqualTo(ControlComparison.BETTER);
        // Headroom: (0.2 + 0.4 + 0.1) / (0.5 + 0.31 + 0.29) = 63.6 %.
        assertThat(diff.stringColumn("headroom captured (%)").get(sa)).isEqualTo("64");
        assertThat(diff.intColumn("n (paired seeds)").get(sa)).isEqualTo(3);
    }

    @Test
    void oneSeedSaysNoIntervalExists() throws IOException {
        Path run = Fixtures.fullRun(temp, "one", 1);
        Fixtures.write(run.resolve("metrics.csv"), "variant,subset,target,metric,value",
                "HGs (long),full,truth,nme,7.05", "HGs+SA,full,truth,nme,7.12", "oracle,full,truth,nme,6.92");
        Map<String, ReportTable> tables = tables(run);
        Table diff = tables.get("difference-vs-control").table();
        assertThat(diff.stringColumn("verdict").asList()).containsOnly(ControlComparison.NO_INTERVAL);
        assertThat(diff.stringColumn("95% CI of the difference").asList()).containsOnly(TableText.MISSING);
        // (7.05 - 7.12) / (7.05 - 6.92) = -54 %
        assertThat(diff.stringColumn("headroom captured (%)").get(0)).isEqualTo("-54");
        assertThat(tables.get("difference-vs-control").caption()).contains("the default: report.control is not set");
        assertThat(tables.get("nme-truth").caption()).contains("no confidence interval exists");
    }

    @Test
    void noHeadroomWhenTheOraclesGainIsNotDetectable() throws IOException {
        Path run = temp.resolve("flat");
        Fixtures.write(run.resolve("metrics.csv"), "variant,subset,target,metric,value,seed",
                "HGs (long),full,truth,nme,6.0,1", "HGs (long),full,truth,nme,6.0,2",
                "oracle,full,truth,nme,5.0,1", "oracle,full,truth,nme,6.5,2",
                "HGs+SA,full,truth,nme,5.9,1", "HGs+SA,full,truth,nme,6.1,2");
        Table diff = tables(run).get("difference-vs-control").table();
        int sa = diff.stringColumn("variant").asList().indexOf("HGs+SA");
        // oracle - control: -1.0, +0.5 -> the interval includes 0: no headroom to capture.
        assertThat(diff.stringColumn("headroom captured (%)").get(sa)).isEqualTo(ControlComparison.NO_HEADROOM);
        assertThat(diff.stringColumn("95% CI of headroom captured").get(sa)).isEmpty();
    }

    @Test
    void jumpsAreListedAndMarkTheirRows() throws IOException {
        Path run = Fixtures.seededRun(temp, "seeded", "HGs (long)");
        Map<String, ReportTable> tables = tables(run);
        Table jumps = tables.get("training-jumps").table();
        assertThat(jumps.rowCount()).isEqualTo(1);
        assertThat(jumps.stringColumn("variant").get(0)).isEqualTo("HGs+SA");
        assertThat(jumps.stringColumn("seed").get(0)).isEqualTo("7");
        assertThat(jumps.intColumn("epoch").get(0)).isEqualTo(3);
        assertThat(jumps.doubleColumn("rise (%)").get(0)).isCloseTo(62.5, within(1e-9));
        Table nme = tables.get("nme-truth").table();
        assertThat(nme.stringColumn(MetricsTable.NOTE_COLUMN).asList())
                .containsExactly("", MetricsTable.JUMP_MARK + " validation NME jumped (seed 7)", "", "");
        Table diff = tables.get("difference-vs-control").table();
        assertThat(diff.stringColumn(MetricsTable.NOTE_COLUMN).get(0)).contains("jumped");
        // A rise of exactly 50 % is not a jump.
        Path edge = temp.resolve("edge");
        Fixtures.write(edge.resolve("metrics.csv"), "variant,subset,target,metric,value");
        Fixtures.write(edge.resolve("history.csv"), "variant,phase,epoch,metric,value",
                "A,baseline,1,val_nme,4", "A,baseline,2,val_nme,6", "A,sa,1,val_nme,9.01");
        List<Jumps.Jump> found = Jumps.find(List.of(RunData.load(edge))).all();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).phase()).isEqualTo("sa");
    }

    @Test
    void aJumpShowsWhetherTheMedianRoseOrAFewFacesFailed() throws IOException {
        Path run = temp.resolve("spread");
        Fixtures.write(run.resolve("metrics.csv"), "variant,subset,target,metric,value");
        Fixtures.write(run.resolve("history.csv"), "variant,phase,epoch,metric,value",
                "A,baseline,1,val_nme,5.7", "A,baseline,1,val_nme_median,5.2", "A,baseline,1,val_failures,0",
                "A,baseline,2,val_nme,9", "A,baseline,2,val_nme_median,5.3", "A,baseline,2,val_failures,5");
        Jumps jumps = Jumps.find(List.of(RunData.load(run)));
        Jumps.Jump j = jumps.all().get(0);
        assertThat(j.spreadBefore()).isEqualTo(new Jumps.Spread(5.2, 0));
        assertThat(j.spreadAfter()).isEqualTo(new Jumps.Spread(5.3, 5));
        ReportTable table = jumps.table(false).orElseThrow();
        assertThat(table.table().columnNames()).contains("median before (%)", "median at the epoch (%)",
                "faces over 10% before (%)", "faces over 10% at the epoch (%)");
        assertThat(table.table().doubleColumn("faces over 10% at the epoch (%)").get(0)).isEqualTo(5.0);
        assertThat(table.caption()).contains("a few faces failed grossly");

        // A history from before these metrics: the columns are left out, not filled with NaN.
        Path old = temp.resolve("old");
        Fixtures.write(old.resolve("metrics.csv"), "variant,subset,target,metric,value");
        Fixtures.write(old.resolve("history.csv"), "variant,phase,epoch,metric,value",
                "A,baseline,1,val_nme,5.7", "A,baseline,2,val_nme,9");
        ReportTable plain = Jumps.find(List.of(RunData.load(old))).table(false).orElseThrow();
        assertThat(plain.table().columnNames()).doesNotContain("median before (%)");
        assertThat(plain.caption()).doesNotContain("failed grossly");
    }

    @Test
    void aControlThatIsNoVariantNamesTheConfigAndTheChoices() throws IOException {
        Path run = Fixtures.seededRun(temp, "typo", "HGs (lnog)");
        assertThatThrownBy(() -> ReportBuilder.forRuns(List.of(run)).writeTo(temp.resolve("o")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(run.resolve("resolved-config.yaml").toString())
                .hasMessageContaining("report.control = 'HGs (lnog)'")
                .hasMessageContaining("valid: HGs (long), HGs+SA, oracle, mean-shape");
    }

    @Test
    void summaryStatesEachComparisonInWords() throws IOException {
        ReportSummary summary = ReportBuilder.forRuns(List.of(Fixtures.seededRun(temp, "seeded", "HGs (long)")))
                .writeTo(temp.resolve("words"));
        String html = Files.readString(summary.html());
        assertThat(html).contains("HGs+SA is 0.23 points better than HGs (long) on the full subset (95% CI of the"
                + " difference [-0.61, 0.15], n = 3 seeds): the interval includes 0, so no difference is detectable")
                .contains("oracle is 0.37 points better than HGs (long)")
                .contains("named by report.control in resolved-config.yaml")
                .contains("3 seeds (42, 7, 123)");
    }
}
