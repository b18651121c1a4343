package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sa run --resume RUN_DIR} with a config that adds variants: only the new ones train, and the
 * run ends with the metrics of a run made with the longer list from the start.
 */
class RunExtensionTest {
  @TempDir
  Path dir;

  private static final String TWO = "variants=[{name: HGs, set: {sa.epochs: 0}}, {name: HGs+SA, set: {sa.enabled: true}}]";
  private static final String THREE = "variants=[{name: HGs, set: {sa.epochs: 0}}, {name: HGs+SA, set: {sa.enabled: true}},"
      + " {name: HGs (long), set: {sa.enabled: false}}]";

  private static String[] run(Path out, String... sets) {
    List<String> a = new ArrayList<>(TinyRun.args(out, "evaluate.perEpoch=false"));
    for (String s : sets) {
      a.add("--set");
      a.add(s);
    }
    return a.toArray(new String[0]);
  }

  @Test
  void addedVariantsTrainAloneAndGiveTheLongerRunsMetrics() throws Exception {
    Path run = dir.resolve("run");
    assertThat(Cli.run(run(run, TWO)).code()).isZero();
    Path baselineParams = Files.list(run).filter(p -> p.getFileName().toString().startsWith("baseline-")).findFirst()
        .orElseThrow();
    long before = Files.getLastModifiedTime(baselineParams.resolve("ckpt/latest")).toMillis();
    // the resume gets the whole config again: the tiny run's settings and the longer variant list
    Cli extended = Cli.run(withResume(run, THREE));
    assertThat(extended.code()).as(extended.err()).isZero();
    assertThat(extended.err()).contains("variants added to the run: HGs (long)", "HGs: already finished",
        "HGs+SA: already finished");
    assertThat(Files.getLastModifiedTime(baselineParams.resolve("ckpt/latest")).toMillis()).isEqualTo(before);
    Path fresh = dir.resolve("fresh");
    assertThat(Cli.run(run(fresh, THREE)).code()).isZero();
    assertThat(Files.readString(run.resolve("metrics.csv"))).isEqualTo(Files.readString(fresh.resolve("metrics.csv")));
    assertThat(Files.readString(run.resolve("fingerprint.yaml"))).isEqualTo(Files.readString(fresh.resolve("fingerprint.yaml")));
    // the same config again is a plain resume
    Cli same = Cli.run(withResume(run, THREE));
    assertThat(same.code()).as(same.err()).isZero();
    assertThat(same.err()).doesNotContain("variants added");
  }

  @Test
  void aMultiSeedRunIsExtendedSeedBySeed() throws Exception {
    String one = "variants=[{name: HGs+SA, set: {sa.enabled: true}}]";
    String two = "variants=[{name: HGs+SA, set: {sa.enabled: true}}, {name: HGs (long), set: {sa.enabled: false}}]";
    Path run = dir.resolve("run");
    List<String> a = new ArrayList<>(List.of(run(run, one)));
    a.addAll(List.of("--seeds", "2"));
    assertThat(Cli.run(a.toArray(new String[0])).code()).isZero();
    // the resume names the seeds through the config (--seeds is a new run's option)
    Cli extended = Cli.run(withResume(run, two, "seeds=[42,43]"));
    assertThat(extended.code()).as(extended.err()).isZero();
    assertThat(extended.err()).contains("variants added to the run: HGs (long)");
    Path fresh = dir.resolve("fresh");
    List<String> b = new ArrayList<>(List.of(run(fresh, two)));
    b.addAll(List.of("--seeds", "2"));
    assertThat(Cli.run(b.toArray(new String[0])).code()).isZero();
    assertThat(Files.readString(run.resolve("metrics.csv"))).isEqualTo(Files.readString(fresh.resolve("metrics.csv")));
    assertThat(Files.readString(run.resolve("seed-43/fingerprint.yaml")))
        .isEqualTo(Files.readString(fresh.resolve("seed-43/fingerprint.yaml")));
  }

  @Test
  void anyOtherChangeIsRefusedAndLeavesTheRunAsItWas() throws Exception {
    Path run = dir.resolve("run");
    assertThat(Cli.run(run(run, TWO)).code()).isZero();
    String fingerprint = Files.readString(run.resolve("fingerprint.yaml"));
    Cli other = Cli.run(withResume(run, THREE, "train.epochs=3"));
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).contains("may only add variants at the end of the run's list", "train.epochs: 2 -> 3",
        "start a new run with --out");
    Cli fewer = Cli.run(withResume(run, "variants=[{name: HGs, set: {sa.epochs: 0}}]"));
    assertThat(fewer.code()).isEqualTo(2);
    assertThat(fewer.err()).contains("its variants are not a longer list than the run's 2");
    Cli changed = Cli.run(withResume(run, "variants=[{name: HGs, set: {sa.epochs: 1}}, {name: HGs+SA, set: {sa.enabled: true}},"
        + " {name: new, set: {sa.enabled: false}}]"));
    assertThat(changed.code()).isEqualTo(2);
    assertThat(changed.err()).contains("variant 1 ('HGs') is now");
    assertThat(Files.readString(run.resolve("fingerprint.yaml"))).isEqualTo(fingerprint);
    Cli out = Cli.run("--plugins", TinyRun.plugins().toString(), "run", "--resume", run.toString(), "--out", "x");
    assertThat(out.code()).isEqualTo(2);
    assertThat(out.err()).contains("--resume takes no --seeds or --out");
  }

  @Test
  void theCollapseGuardsRatioMayChangeOnResumeAndNothingTrainedIsRedone() throws Exception {
    Path run = dir.resolve("run");
    assertThat(Cli.run(run(run, TWO)).code()).isZero();
    String metrics = Files.readString(run.resolve("metrics.csv"));
    String fingerprint = Files.readString(run.resolve("fingerprint.yaml"));
    // as the guard's message advises after a stop: go on with the guard off
    Cli off = Cli.run(withResume(run, TWO, "train.collapseRatio=0"));
    assertThat(off.code()).as(off.err()).isZero();
    assertThat(off.err()).contains("train.collapseRatio: 1.5 -> 0 from now on", "HGs+SA: already finished")
        .doesNotContain("variants added");
    assertThat(Files.readString(run.resolve("resolved-config.yaml"))).containsPattern("collapseRatio: 0(\\.0)?\\n");
    assertThat(Files.readString(run.resolve("fingerprint.yaml"))).isNotEqualTo(fingerprint);
    assertThat(Files.readString(run.resolve("metrics.csv"))).isEqualTo(metrics);
    // the phases keep their keys: the same baseline folder, no second one
    try (var s = Files.list(run)) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith("baseline-"))).hasSize(1);
    }
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) dev.sa.app.config.ConfigLoader.YAML.readTree(
        run.resolve("resolved-config.yaml").toFile());
    var before = tree.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) before.get("train")).put("collapseRatio", 1.5);
    assertThat(ExperimentPlan.baselineKey(tree)).isEqualTo(ExperimentPlan.baselineKey(before));
    assertThat(ExperimentPlan.continuationKey(tree)).isEqualTo(ExperimentPlan.continuationKey(before));
    // with a variant added in the same resume, both happen; any other change is still refused
    Cli both = Cli.run(withResume(run, THREE, "train.collapseRatio=2"));
    assertThat(both.code()).as(both.err()).isZero();
    assertThat(both.err()).contains("variants added to the run: HGs (long)", "train.collapseRatio: 0 -> 2 from now on");
    Cli other = Cli.run(withResume(run, THREE, "train.collapseRatio=2", "train.epochs=3"));
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).contains("or change train.collapseRatio; it also changes");
  }

  /** The tiny run's settings with {@code sets} after them, as a resume of {@code run}. */
  private static String[] withResume(Path run, String... sets) {
    List<String> a = new ArrayList<>(List.of(run(Path.of("unused"), sets)));
    int out = a.indexOf("--out");
    a.remove(out + 1);
    a.set(out, "--resume");
    a.add(out + 1, run.toString());
    return a.toArray(new String[0]);
  }
}
