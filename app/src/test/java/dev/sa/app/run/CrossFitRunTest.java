package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.app.cli.SaCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sa.crossFit}: folds, the fold networks' training faces, and its effect on the searched labels. */
class CrossFitRunTest {
  @TempDir
  Path dir;

  @Test
  void foldsAreSeededBalancedAndCoverEveryFace() {
    int[] a = CrossFit.folds(23, 3, 42);
    assertThat(CrossFit.folds(23, 3, 42)).isEqualTo(a);
    assertThat(CrossFit.folds(23, 3, 7)).isNotEqualTo(a);
    int[] sizes = new int[3];
    for (int f : a) {
      sizes[f]++;
    }
    assertThat(sizes).containsExactlyInAnyOrder(8, 8, 7);
    assertThat(CrossFit.outside(a, 1)).hasSize(23 - sizes[1]).allMatch(i -> a[i] != 1);
    assertThatThrownBy(() -> CrossFit.folds(5, 1, 42)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A fold network takes as many steps as the baseline: epochs and milestones times K / (K - 1). */
  @Test
  void foldNetworksTrainForTheBaselinesNumberOfSteps() {
    assertThat(CrossFit.stretch(14, 2)).isEqualTo(28);
    assertThat(CrossFit.stretch(14, 5)).isEqualTo(18); // 17.5 rounded
    dev.sa.app.config.SaConfig.Schedule s = CrossFit.stretch(
        new dev.sa.app.config.SaConfig.Schedule(1e-3, java.util.List.of(10, 12), java.util.List.of(5.0, 2.0)), 2);
    assertThat(s.milestones()).containsExactly(20, 24);
    assertThat(s.factors()).containsExactly(5.0, 2.0);
    assertThat(s.lr()).isEqualTo(1e-3);
  }

  private Path run(String name, String crossFit) {
    Path out = dir.resolve(name);
    StringWriter err = new StringWriter();
    int code = SaCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), TinyRun.args(out,
        "sa.crossFit=" + crossFit, "variants=[{name: HGs+SA, set: {sa.enabled: true}}]").toArray(new String[0]));
    assertThat(code).as(err.toString()).isZero();
    return out;
  }

  private static Set<String> ids(Path labels) throws IOException {
    return Files.readAllLines(labels).stream().skip(1).map(l -> l.substring(0, l.indexOf(',')))
        .collect(Collectors.toSet());
  }

  /** Each fold network trains on the faces outside its fold only; the search then reads other heatmaps. */
  @Test
  void eachFoldNetworkTrainsOnTheOtherFoldsAndTheSearchUsesThem() throws Exception {
    Path cross = run("cross", "2");
    Path variant = cross.resolve("variants").resolve("hgs-sa");
    Set<String> all = ids(variant.resolve("labels.csv"));
    // TinyRun trains the baseline 2 epochs, so each fold network 4 (two folds: twice the epochs on half the faces)
    assertThat(variant.resolve("fold-1/ckpt/epoch-0004")).isDirectory();
    assertThat(variant.resolve("fold-1/ckpt/epoch-0005")).doesNotExist();
    Set<String> first = ids(variant.resolve("fold-1/ckpt/epoch-0004/labels.csv"));
    Set<String> second = ids(variant.resolve("fold-2/ckpt/epoch-0004/labels.csv"));
    assertThat(first).isNotEmpty().doesNotContainAnyElementsOf(second);
    Set<String> union = new HashSet<>(first);
    union.addAll(second);
    assertThat(union).isEqualTo(all);
    assertThat(Math.abs(first.size() - second.size())).isLessThanOrEqualTo(1);

    Path plain = run("plain", "0");
    assertThat(searched(cross)).isNotEqualTo(searched(plain));
    assertThat(Files.exists(plain.resolve("variants/hgs-sa/fold-1"))).isFalse();
  }

  /** The searched labels (y^ columns) of the run's SA variant. */
  private static List<String> searched(Path run) throws IOException {
    return Files.readAllLines(run.resolve("variants/hgs-sa/labels.csv")).stream()
        .map(l -> Arrays.stream(l.split(",")).skip(6).collect(Collectors.joining(","))).toList();
  }

  @Test
  void moreFoldsThanTrainingFacesIsRefusedWithTheValidChoices() {
    StringWriter err = new StringWriter();
    int code = SaCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), TinyRun.args(dir.resolve("few"),
        "dataset.options.trainSize=4", "sa.crossFit=10", "variants=[{name: HGs+SA, set: {sa.enabled: true}}]")
        .toArray(new String[0]));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("sa.crossFit: 10 folds need at least 10 training faces, the data set has")
        .contains("valid: 0 (the paper) or 2..");
    assertThat(Files.exists(dir.resolve("few"))).as("nothing written").isFalse();
  }

  @Test
  void oneFoldIsRefusedWithTheValidChoices() {
    StringWriter err = new StringWriter();
    int code = SaCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
        TinyRun.args(dir.resolve("bad"), "sa.crossFit=1").toArray(new String[0]));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).contains("sa.crossFit: ").contains("0 (the paper) or a number of folds in 2..10")
        .doesNotContain("\n");
    assertThat(Files.exists(dir.resolve("bad"))).isFalse();
  }
}
