package dev.sa.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.app.run.Evaluation;
import dev.sa.app.run.Experiment;
import dev.sa.app.run.ExperimentPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantsTest {
  @TempDir
  Path dir;

  @Test
  void sweepsExpandToNamedVariantsThatShareTheBaseline() throws Exception {
    Path f = dir.resolve("sweep.yaml");
    Files.writeString(f, "sweeps:\n  - key: sa.lambda\n    values: [0, 0.1, 1]\n    set: {sa.enabled: true}\n");
    ConfigLoader.Loaded l = ConfigLoader.load(f, List.of());
    List<ExperimentPlan.Variant> v = ExperimentPlan.variants(l);
    assertThat(v).extracting(ExperimentPlan.Variant::name).containsExactly("lambda=0", "lambda=0.1", "lambda=1");
    assertThat(v.get(1).config().sa().lambda()).isEqualTo(0.1);
    assertThat(v.get(1).config().sa().enabled()).isTrue();
    assertThat(v).extracting(ExperimentPlan.Variant::baselineKey).containsOnly(v.get(0).baselineKey());
  }

  @Test
  void variantsChangingTheDataGetTheirOwnBaseline() {
    ConfigLoader.Loaded l = ConfigLoader.load(null, List.of(
        "variants=[{name: a, set: {dataset.options.noise: independent}}, {name: b, set: {dataset.options.noise: annotators}}, {name: c, set: {sa.enabled: true}}]"));
    List<ExperimentPlan.Variant> v = ExperimentPlan.variants(l);
    assertThat(v.get(0).baselineKey()).isNotEqualTo(v.get(1).baselineKey());
    assertThat(dev.sa.app.run.Setup.key(v.get(0).tree())).isNotEqualTo(dev.sa.app.run.Setup.key(v.get(1).tree()));
  }

  @Test
  void theGraphModeDoesNotChangeWhichCheckpointsARunUses() {
    ConfigLoader.Loaded a = ConfigLoader.load(null, List.of("sa.enabled=true"));
    ConfigLoader.Loaded b = ConfigLoader.load(null, List.of("sa.enabled=true", "graph=dynamic"));
    assertThat(ExperimentPlan.baselineKey(b.tree())).isEqualTo(ExperimentPlan.baselineKey(a.tree()));
    assertThat(ExperimentPlan.continuationKey(b.tree())).isEqualTo(ExperimentPlan.continuationKey(a.tree()));
    // A run folder made before the key existed has no graph in its config: the same checkpoints.
    com.fasterxml.jackson.databind.node.ObjectNode old = a.tree().deepCopy();
    old.remove("graph");
    assertThat(ExperimentPlan.baselineKey(old)).isEqualTo(ExperimentPlan.baselineKey(a.tree()));
    assertThat(ExperimentPlan.baselineKey(b.tree()))
        .isNotEqualTo(ExperimentPlan.baselineKey(ConfigLoader.load(null, List.of("seed=7")).tree()));
  }

  @Test
  void badSweepKeyIsReportedWithItsPath() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "sweeps:\n  - key: sa.lamda\n    values: [0.1]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .hasMessageContaining("sweeps[0].values[0]: sa.lamda: unknown key (did you mean 'lambda'?)");
  }

  @Test
  void repeatedVariantNamesAreRejected() {
    ConfigLoader.Loaded l = ConfigLoader.load(null, List.of("variants=[{name: a, set: {}}, {name: A, set: {}}]"));
    assertThatThrownBy(() -> ExperimentPlan.variants(l)).hasMessageContaining("repeats another variant's name");
  }

  @Test
  void headroomIsTheShareOfTheOracleGapThatSaCaptured() {
    ConfigLoader.Loaded l = ConfigLoader.load(null, List.of(
        "variants=[{name: 'n: HGs (long)', set: {}}, {name: 'n: HGs+SA', set: {sa.enabled: true}}, {name: 'n: oracle', set: {sa.labels: truth}}]"));
    Evaluation.Outputs o = new Evaluation.Outputs();
    o.metrics.add("n: HGs (long)", "full", "truth", "nme", 4.0, 10);
    o.metrics.add("n: HGs+SA", "full", "truth", "nme", 3.5, 10);
    o.metrics.add("n: oracle", "full", "truth", "nme", 3.0, 10);
    Experiment.addHeadroom(ExperimentPlan.variants(l), o);
    assertThat(o.metrics.value("n: HGs+SA", "full", "truth", "headroom_captured")).isEqualTo(50.0);
  }
}
