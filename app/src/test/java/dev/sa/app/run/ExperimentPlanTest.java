package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentPlanTest {
  @Test
  void unitsShareTheBaselineAndAContinuationThatDiffersOnlyInTheRefiner() {
    ConfigLoader.Loaded l = ConfigLoader.load(null, List.of("variants=[{name: HGs, set: {sa.epochs: 0}},"
        + " {name: HGs+SA, set: {sa.enabled: true}}, {name: HGs+SA+PCA, set: {sa.enabled: true, refiner.plugin: pca}},"
        + " {name: other seed, set: {seed: 7}}]"));
    ExperimentPlan plan;
    try (PluginHost host = PluginHost.open(TinyRun.plugins(), false)) {
      plan = ExperimentPlan.of(l, host);
    }
    // the seed opens another data set: two groups
    assertThat(plan.groups()).hasSize(2);
    assertThat(plan.variants()).extracting(ExperimentPlan.Variant::name)
        .containsExactly("HGs", "HGs+SA", "HGs+SA+PCA", "other seed");
    ExperimentPlan.Group g = plan.groups().get(0);
    List<ExperimentPlan.Unit> units = g.units();
    String base = "baseline-" + g.lead().baselineKey();
    assertThat(units).extracting(u -> u.kind() + " " + u.variant().name() + " " + u.dir() + " <- " + u.from())
        .containsExactly(
            "BASELINE HGs " + base + " <- " + base,
            "VARIANT HGs variants/hgs <- variants/hgs",
            "CONTINUATION HGs+SA variants/hgs-sa <- " + base,
            "VARIANT HGs+SA variants/hgs-sa <- variants/hgs-sa",
            "VARIANT HGs+SA+PCA variants/hgs-sa-pca <- variants/hgs-sa");
    assertThat(g.continuationDir(g.variants().get(2))).isEqualTo(Path.of("variants", "hgs-sa"));
    ExperimentPlan.Group other = plan.groups().get(1);
    assertThat(other.units()).extracting(ExperimentPlan.Unit::kind).containsExactly(ExperimentPlan.Unit.Kind.BASELINE,
        ExperimentPlan.Unit.Kind.CONTINUATION, ExperimentPlan.Unit.Kind.VARIANT);
    assertThat(other.lead().baselineKey()).isNotEqualTo(g.lead().baselineKey());
  }

  /**
   * The backbone of a Norm variant trains on upright crops: a variant that differs only in its
   * normaliser gets its own data setup (the normaliser is trained once per setup) and its own
   * baseline. A config whose normaliser is none keeps the keys it had before the key existed.
   */
  @Test
  void aNormaliserVariantGetsItsOwnSetupAndBaselineWhileNoneKeepsTheOldKeys() {
    ConfigLoader.Loaded l = ConfigLoader.load(null, List.of("variants=[{name: HGs, set: {sa.epochs: 0}},"
        + " {name: HGs+Norm, set: {sa.epochs: 0, normalizer.plugin: rotation}},"
        + " {name: HGs+SA+Norm, set: {sa.enabled: true, normalizer.plugin: rotation}}]"));
    ExperimentPlan plan;
    try (PluginHost host = PluginHost.open(TinyRun.plugins(), false)) {
      plan = ExperimentPlan.of(l, host);
    }
    assertThat(plan.groups()).hasSize(2);
    assertThat(plan.groups().get(1).variants()).extracting(ExperimentPlan.Variant::name)
        .containsExactly("HGs+Norm", "HGs+SA+Norm");
    ExperimentPlan.Variant hgs = plan.variants().get(0);
    ExperimentPlan.Variant norm = plan.variants().get(1);
    assertThat(norm.baselineKey()).isNotEqualTo(hgs.baselineKey());
    assertThat(plan.variants().get(2).baselineKey()).isEqualTo(norm.baselineKey());
    // the resolved options (defaults filled in) are part of the tree, so a resumed run finds the same keys
    assertThat(norm.tree().at("/normalizer/options/rotationRange").asDouble()).isEqualTo(60.0);

    var withoutKey = hgs.tree().deepCopy();
    withoutKey.remove("normalizer");
    assertThat(ExperimentPlan.baselineKey(withoutKey)).isEqualTo(hgs.baselineKey());
    assertThat(Setup.key(withoutKey)).isEqualTo(Setup.key(hgs.tree()));
    assertThat(ExperimentPlan.continuationKey(withoutKey)).isEqualTo(ExperimentPlan.continuationKey(hgs.tree()));
    assertThat(dev.sa.app.config.ConfigFingerprint.of(withoutKey).sha256())
        .isEqualTo(dev.sa.app.config.ConfigFingerprint.of(hgs.tree()).sha256());
  }
}
