package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.reports.Curves;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A face without a valid NME is never dropped from a mean silently: the mean says how many faces
 * it has and how many it left out, while AUC and FR count the same face as a failure.
 */
@Tag("reliability")
class MeanNmeTest {
  @TempDir
  Path dir;

  @Test
  void aFaceWithoutNmeIsLeftOutVisiblyAndIsAFailureInAucAndFr() {
    double[] errors = {0.02, Double.NaN, 0.04, Double.POSITIVE_INFINITY};

    Evaluation.Mean mean = Evaluation.mean(errors);

    assertThat(mean.percent()).isEqualTo(3.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(mean.faces()).isEqualTo(2);
    assertThat(mean.withoutNme()).isEqualTo(2);
    assertThat(Curves.failureRate(errors, 0.08)).isEqualTo(50.0);
    assertThat(Evaluation.mean(new double[] {Double.NaN}).percent()).isNaN();
    assertThat(Evaluation.mean(new double[] {Double.NaN}).faces()).isZero();
  }

  @Test
  void metricsOfAnOlderRunWithoutTheFacesColumnReadWithAnEmptyCount() throws Exception {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "variant,subset,target,metric,value\nHGs,full,truth,nme,5.5\n");

    Rows rows = Rows.read(file, Evaluation.METRIC_COLUMNS);

    assertThat(rows.rows()).containsExactly(java.util.List.of("HGs", "full", "truth", "nme", "5.5", ""));
    assertThat(rows.value("HGs", "full", "truth", "nme")).isEqualTo(5.5);
    Rows written = new Evaluation.Outputs().metrics;
    written.add("HGs", "full", "truth", "nme", 4.25, 7);
    assertThat(written.value("HGs", "full", "truth", "nme")).isEqualTo(4.25);
  }
}
