package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class MetricsTableTest {

    @TempDir
    Path temp;

    private Path smallRun(String name, String normalizer, double hgsFull) throws IOException {
        Path dir = temp.resolve(name);
        Fixtures.write(dir.resolve("metrics.csv"), "variant,subset,target,metric,value",
                "HGs,full,annotation,nme," + hgsFull,
                "HGs,common,annotation,nme,4.43",
                "HGs,challenge,annotation,nme,7.56",
                "HGs+SA,challenge,annotation,nme,6.9",
                "HGs+SA,full,annotation,nme," + (0.1 + 0.2),
                "HGs+SA,full,truth,nme,3.25",
                "HGs+SA,full,annotation,auc@0.08,0.51234567");
        Fixtures.write(dir.resolve("run-info.csv"), "key,value", "normalizer," + normalizer, "config,cfg-" + name);
        return dir;
    }

    @Test
    void pivotsVariantBySubsetInPaperOrderWithFormatting() throws IOException {
        MetricsTable pivots = MetricsTable.load(List.of(smallRun("run1", "inter-pupil", 5.04)));
        Table table = pivots.pivot("annotation", "nme");

        assertThat(table.columnNames()).containsExactly("variant", "n", "common", "challenge", "full");
        assertThat(table.intColumn("n").asList()).containsExactly(1, 1);
        assertThat(table.stringColumn("variant").asList()).containsExactly("HGs", "HGs+SA");
        assertThat(table.doubleColumn("full").get(0)).isEqualTo(5.04);
        // Binary noise (0.1 + 0.2) is printed with the NME formatter's 2 decimals.
        assertThat(table.doubleColumn("full").getString(1)).isEqualTo("0.30");
        assertThat(table.doubleColumn("common").isMissing(1)).isTrue();
        assertThat(pivots.targets()).containsExactly("annotation", "truth");
        assertThat(pivots.pivot("annotation", "auc@0.08").doubleColumn("full").getString(0)).isEqualTo("0.5123");

        String markdown = pivots.markdown();
        assertThat(markdown).contains("normalised by the inter-pupil distance")
                .contains("| HGs+SA  |   1 |      – |      6.90 | 0.30 |")
                .contains("| ------- | --: | -----: | --------: | ---: |")
                .contains("no confidence interval exists")
                .contains("true landmarks")
                .doesNotContain("0.30000000000000004");
    }

    @Test
    void quotedReferenceRowsAreMarkedAndKeptApart() throws IOException {
        Path run = smallRun("run1", "inter-pupil", 5.04);
        Fixtures.write(run.resolve("reference.csv"), "variant,subset,target,metric,value,source",
                "LAB,full,annotation,nme,4.12,CVPR18", "HGs+SA,full,annotation,nme,4.37,paper Table 2",
                "LAB,common,annotation,nme,3.42,");
        MetricsTable pivots = MetricsTable.load(List.of(run));
        Table table = pivots.pivot("annotation", "nme");

        assertThat(table.stringColumn("variant").asList())
                .containsExactly("HGs", "HGs+SA", "LAB (quoted, CVPR18)", "HGs+SA (quoted, paper Table 2)", "LAB (quoted)");
        assertThat(table.stringColumn("source").asList())
                .containsExactly("measured", "measured", "CVPR18", "paper Table 2", "quoted");
        // The measured HGs+SA value is untouched by the quoted one.
        assertThat(table.doubleColumn("full").get(1)).isEqualTo(0.1 + 0.2);
        assertThat(table.doubleColumn("full").get(3)).isEqualTo(4.37);
        // A blank source still marks the row as quoted.
        assertThat(pivots.runs().get(0).references().get(2).source()).isEqualTo("quoted");
        assertThat(pivots.caption("annotation", "nme")).contains("quoted").contains("not measured");
        // Quoted rows only for the table they belong to.
        assertThat(pivots.pivot("truth", "nme").columnNames()).doesNotContain("source");
    }

    @Test
    void twoRunsCombineWithRunColumnAndNormalisers() throws IOException {
        Path a = smallRun("a", "inter-pupil", 5.04);
        Path b = smallRun("b", "inter-ocular", 4.80);
        MetricsTable pivots = MetricsTable.load(List.of(a, b));
        Table table = pivots.pivot("annotation", "nme");

        assertThat(table.columnNames()).startsWith("run", "variant");
        assertThat(table.stringColumn("run").asList()).containsExactly("a", "a", "b", "b");
        assertThat(table.doubleColumn("full").asList()).containsExactly(5.04, 0.1 + 0.2, 4.80, 0.1 + 0.2);
        assertThat(pivots.caption("annotation", "nme")).contains("the inter-pupil distance (a)").contains("the inter-ocular (outer eye corner) distance (b)");
    }

    @Test
    void clashingFolderNamesFallBackToConfig() throws IOException {
        Path first = smallRun("x/run", "inter-pupil", 5.0);
        Path second = smallRun("y/run", "inter-pupil", 4.0);
        MetricsTable pivots = MetricsTable.load(List.of(first, second));
        assertThat(pivots.runs()).extracting(RunData::label).containsExactly("cfg-x/run", "cfg-y/run");
        assertThat(MetricsTable.load(List.of(first, first)).runs()).extracting(RunData::label)
                .containsExactly("cfg-x/run", "cfg-x/run #2");
    }
}
