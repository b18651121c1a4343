package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class GroupPivotTest {

    @TempDir
    Path temp;

    private static ReportTable pivot(ReportSummary summary) {
        return summary.tables().stream().filter(t -> t.id().equals("pivot")).findFirst().orElseThrow();
    }

    @Test
    void groupsBecomeRowsAndRolesColumnsAgainstTheTruth() throws IOException {
        Path run = Fixtures.groupedRun(temp, "amb", true);
        Path out = temp.resolve("out");
        ReportSummary summary = ReportBuilder.forRuns(List.of(run)).writeTo(out);
        ReportTable pivot = pivot(summary);
        Table t = pivot.table();

        assertThat(pivot.section()).isEqualTo("Groups");
        assertThat(t.columnNames()).containsExactly("group", "NME HGs", "NME HGs+SA", "NME oracle",
                "headroom captured HGs+SA", "label error human weak", "label error human strong",
                "label error searched weak HGs+SA", "label error searched strong HGs+SA");
        // The ungrouped variant "HGs" is not a row.
        assertThat(t.stringColumn("group").asList()).containsExactly("independent", "annotators");

        // Row 0: independent, NME on full against the truth (not the annotation, not common).
        assertThat(t.doubleColumn("NME HGs").get(0)).isEqualTo(4.20);
        assertThat(t.doubleColumn("NME HGs+SA").get(0)).isEqualTo(3.70);
        assertThat(t.doubleColumn("NME oracle").get(0)).isEqualTo(3.40);
        assertThat(t.doubleColumn("headroom captured HGs+SA").get(0)).isEqualTo(62.5);
        assertThat(t.doubleColumn("label error human weak").get(0)).isEqualTo(5.55);
        assertThat(t.doubleColumn("label error human strong").get(0)).isEqualTo(3.10);
        assertThat(t.doubleColumn("label error searched weak HGs+SA").get(0)).isEqualTo(2.77);
        assertThat(t.doubleColumn("label error searched strong HGs+SA").get(0)).isEqualTo(2.90);

        // Row 1: annotators. Its HGs+SA has only an annotation NME: blank, never the annotation value.
        assertThat(t.doubleColumn("NME HGs").get(1)).isEqualTo(6.00);
        assertThat(t.doubleColumn("NME HGs+SA").isMissing(1)).isTrue();
        assertThat(t.doubleColumn("NME oracle").get(1)).isEqualTo(4.00);
        assertThat(t.doubleColumn("headroom captured HGs+SA").isMissing(1)).isTrue();
        assertThat(t.doubleColumn("label error human weak").isMissing(1)).isTrue();
        assertThat(t.doubleColumn("label error searched weak HGs+SA").get(1)).isEqualTo(3.33);
        assertThat(t.doubleColumn("label error searched strong HGs+SA").isMissing(1)).isTrue();

        assertThat(pivot.caption()).contains("on subset full against the true landmarks")
                .contains("normalised by the inter-pupil distance").contains("headroom captured").contains("label error");

        assertThat(Files.readString(out.resolve("tables/pivot.csv"))).isEqualTo(
                "group,NME HGs,NME HGs+SA,NME oracle,headroom captured HGs+SA,label error human weak,"
                        + "label error human strong,label error searched weak HGs+SA,label error searched strong HGs+SA\n"
                        + "independent,4.20,3.70,3.40,62.50,5.55,3.10,2.77,2.90\n"
                        + "annotators,6.00,,4.00,,,,3.33,\n");
        assertThat(Files.readString(out.resolve("tables/pivot.md"))).contains("true landmarks")
                .contains("| annotators  |    6.00 |          – |");
        assertThat(Files.readString(summary.html())).contains("<a href=\"#groups\">Groups</a>")
                .contains("<th class=\"num\">NME HGs+SA</th>");
        assertThat(Files.readString(summary.markdown())).contains("## Groups");
    }

    @Test
    void withoutTruthTheNmeIsAgainstTheAnnotation() throws IOException {
        Path run = Fixtures.groupedRun(temp, "amb", false);
        ReportTable pivot = pivot(ReportBuilder.forRuns(List.of(run)).writeTo(temp.resolve("out")));
        Table t = pivot.table();

        assertThat(t.columnNames()).containsExactly("group", "NME HGs", "NME HGs+SA", "NME oracle");
        assertThat(t.doubleColumn("NME HGs").asList()).containsExactly(5.10, 6.30);
        assertThat(t.doubleColumn("NME HGs+SA").asList()).containsExactly(5.00, 5.50);
        assertThat(t.doubleColumn("NME oracle").get(0)).isEqualTo(4.90);
        assertThat(t.doubleColumn("NME oracle").isMissing(1)).isTrue();
        assertThat(pivot.caption()).contains("against the human annotation").doesNotContain("headroom captured <role>");
    }

    @Test
    void runsWithoutTwoGroupsHaveNoPivot() throws IOException {
        Path plain = Fixtures.fullRun(temp, "plain", 1);
        ReportSummary summary = ReportBuilder.forRuns(List.of(plain)).writeTo(temp.resolve("plain-out"));
        assertThat(summary.tables()).extracting(ReportTable::id).doesNotContain("pivot");
        assertThat(temp.resolve("plain-out/tables/pivot.csv")).doesNotExist();
        assertThat(temp.resolve("plain-out/tables/pivot.md")).doesNotExist();
        assertThat(Files.readString(summary.html())).doesNotContain("#groups");

        // One group only is not a pivot either.
        Path single = temp.resolve("single");
        Fixtures.write(single.resolve("metrics.csv"), "variant,subset,target,metric,value",
                "independent: HGs,full,annotation,nme,5.1", "independent: HGs+SA,full,annotation,nme,5.0");
        ReportSummary one = ReportBuilder.forRuns(List.of(single)).writeTo(temp.resolve("single-out"));
        assertThat(one.tables()).extracting(ReportTable::id).doesNotContain("pivot");
        assertThat(temp.resolve("single-out/tables/pivot.csv")).doesNotExist();
    }

    @Test
    void severalRunsKeepTheirRowsApart() throws IOException {
        Path a = Fixtures.groupedRun(temp, "run-a", true);
        Path b = Fixtures.groupedRun(temp, "run-b", false);
        ReportTable pivot = pivot(ReportBuilder.forRuns(List.of(a, b)).writeTo(temp.resolve("cmp")));
        Table t = pivot.table();

        assertThat(t.columnNames()).startsWith("run", "group", "NME target", "NME HGs");
        assertThat(t.stringColumn("run").asList()).containsExactly("run-a", "run-a", "run-b", "run-b");
        assertThat(t.stringColumn("group").asList()).containsExactly("independent", "annotators", "independent", "annotators");
        assertThat(t.stringColumn("NME target").asList()).containsExactly("truth", "truth", "annotation", "annotation");
        assertThat(t.doubleColumn("NME HGs").asList()).containsExactly(4.20, 6.00, 5.10, 6.30);
        assertThat(t.doubleColumn("headroom captured HGs+SA").isMissing(2)).isTrue();
        assertThat(pivot.caption()).contains("the true landmarks (known for synthetic data only) (run-a)")
                .contains("the human annotation (run-b)");
    }

    @Test
    void variantNamesSplitAtTheLastSeparator() {
        assertThat(GroupPivot.split("noise: strong: HGs+SA")).contains(List.of("noise: strong", "HGs+SA"));
        assertThat(GroupPivot.split("HGs+SA")).isEqualTo(Optional.empty());
        // the app's mean-shape rows name their group in parentheses: no group of their own
        assertThat(GroupPivot.split("mean-shape (independent: HGs)")).isEmpty();
        assertThat(GroupPivot.split("noise (a: b): HGs")).contains(List.of("noise (a: b)", "HGs"));
        assertThat(GroupPivot.split("lambda=0.1")).isEmpty();
        assertThat(GroupPivot.isSaRole("HGs+SA w/o update")).isTrue();
        assertThat(GroupPivot.isSaRole("HGs+SA")).isTrue();
        assertThat(GroupPivot.isSaRole("oracle")).isFalse();
        assertThat(GroupPivot.isSaRole("HGs (long)")).isFalse();
    }
}
