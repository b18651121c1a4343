package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pivot captions say how many faces each mean has, and name a mean that left faces out. */
class FacesPerMeanTest {

    @TempDir
    Path temp;

    @Test
    void captionGivesFacesPerSubsetAndNamesAMeanWithFacesLeftOut() throws IOException {
        Path dir = temp.resolve("run");
        Fixtures.write(dir.resolve("metrics.csv"), "variant,subset,target,metric,value,faces",
                "HGs,common,annotation,nme,4.43,554",
                "HGs,full,annotation,nme,5.04,688",
                "HGs,full,annotation,faces_without_nme,1,689",
                "HGs,full,annotation,auc@0.08,0.5,689",
                "HGs+SA,common,annotation,nme,4.2,554",
                "HGs+SA,full,annotation,nme,4.9,689",
                "HGs+SA,full,annotation,headroom_captured,50,");
        MetricsTable pivots = MetricsTable.load(List.of(dir));

        assertThat(pivots.caption("annotation", "nme"))
                .contains("Faces per cell: common 554, full 688-689.")
                .contains("left out of the mean and counted as failures in AUC and FR: HGs on full: 1 of 689.");
        assertThat(pivots.caption("annotation", "auc@0.08")).contains("Faces per cell: full 689.")
                .doesNotContain("left out");
    }

    @Test
    void runsWithoutAFacesColumnReadAsBeforeWithoutTheSentence() throws IOException {
        Path dir = temp.resolve("old");
        Fixtures.write(dir.resolve("metrics.csv"), "variant,subset,target,metric,value", "HGs,full,annotation,nme,5.04");
        MetricsTable pivots = MetricsTable.load(List.of(dir));

        assertThat(pivots.runs().get(0).metrics().get(0).faces()).isEqualTo(-1);
        assertThat(pivots.caption("annotation", "nme")).doesNotContain("Faces per cell");
    }
}
