package dev.sa.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFingerprintTest {
  private static ObjectNode tree(String... sets) {
    return ConfigLoader.load(null, List.of(sets)).tree();
  }

  @Test
  void sameConfigSameFingerprintAcrossAYamlRoundTrip() throws Exception {
    ObjectNode t = tree("sa.lambda=0.25", "input.sigma=1");
    ObjectNode back = (ObjectNode) ConfigLoader.YAML.readTree(ConfigLoader.YAML.writeValueAsString(t));
    assertThat(ConfigFingerprint.of(back).sha256()).isEqualTo(ConfigFingerprint.of(t).sha256());
    assertThat(ConfigFingerprint.of(tree("input.sigma=1.0")).sha256())
        .as("1 and 1.0 are one value").isEqualTo(ConfigFingerprint.of(tree("input.sigma=1")).sha256());
  }

  @Test
  void graphAndEvaluateSubsetsAreLeftOutEverythingElseCounts() {
    String base = ConfigFingerprint.of(tree()).sha256();
    assertThat(ConfigFingerprint.of(tree("graph=off")).sha256()).isEqualTo(base);
    assertThat(ConfigFingerprint.of(tree("evaluate.subsets=[full]")).sha256()).isEqualTo(base);
    assertThat(ConfigFingerprint.of(tree("sa.lambda=0.5")).sha256()).isNotEqualTo(base);
    assertThat(ConfigFingerprint.of(tree("evaluate.batchSize=4")).sha256()).isNotEqualTo(base);
  }

  @Test
  void diffNamesEveryChangedKeyWithOldAndNewValues() {
    ObjectNode a = ConfigFingerprint.of(tree()).tree();
    ObjectNode b = ConfigFingerprint.of(tree("sa.lambda=0.5", "seed=7", "evaluate.subsets=[full]",
        "train.schedule.milestones=[3]", "backbone.options.x=1")).tree();
    assertThat(ConfigFingerprint.diff(a, b)).containsExactly("backbone.options.x: (absent) -> 1",
        "sa.lambda: 0.1 -> 0.5", "seed: 42 -> 7", "train.schedule.milestones: [10] -> [3]");
  }

  /** A run folder made before {@code sa.points} existed keeps its fingerprint; {@code weak} counts. */
  @Test
  void saPointsAtItsDefaultHashesAsIfAbsent() {
    ObjectNode before = tree();
    ((ObjectNode) before.get("sa")).remove("points");
    String old = ConfigFingerprint.of(before).sha256();
    assertThat(ConfigFingerprint.of(tree()).sha256()).isEqualTo(old);
    assertThat(ConfigFingerprint.of(tree("sa.points=weak")).sha256()).isNotEqualTo(old);
  }

  /** The same for {@code sa.updateRate} at 1 (the paper's update); a damped rate counts. */
  @Test
  void saUpdateRateAtOneHashesAsIfAbsent() {
    ObjectNode before = tree();
    ((ObjectNode) before.get("sa")).remove("updateRate");
    ((ObjectNode) before.get("sa")).remove("points");
    String old = ConfigFingerprint.of(before).sha256();
    assertThat(ConfigFingerprint.of(tree()).sha256()).isEqualTo(old);
    assertThat(ConfigFingerprint.of(tree("sa.updateRate=1")).sha256()).isEqualTo(old);
    assertThat(ConfigFingerprint.of(tree("sa.updateRate=0.5")).sha256()).isNotEqualTo(old);
  }

  /** The same for {@code sa.updateShare} at 1 (every face moves); a confidence gate counts. */
  @Test
  void saUpdateShareAtOneHashesAsIfAbsent() {
    ObjectNode before = tree();
    ((ObjectNode) before.get("sa")).remove("updateShare");
    String old = ConfigFingerprint.of(before).sha256();
    assertThat(ConfigFingerprint.of(tree()).sha256()).isEqualTo(old);
    assertThat(ConfigFingerprint.of(tree("sa.updateShare=1")).sha256()).isEqualTo(old);
    assertThat(ConfigFingerprint.of(tree("sa.updateShare=0.5")).sha256()).isNotEqualTo(old);
  }

  /** The same for {@code train.preciseBn} at 0 (the engine's moving averages); a re-estimation counts. */
  @Test
  void preciseBnAtZeroHashesAsIfAbsent() {
    ObjectNode before = tree("train.preciseBn=0");
    ((ObjectNode) before.get("train")).remove("preciseBn");
    String old = ConfigFingerprint.of(before).sha256();
    assertThat(ConfigFingerprint.of(tree("train.preciseBn=0")).sha256()).isEqualTo(old);
    assertThat(ConfigFingerprint.of(tree("train.preciseBn=16")).sha256()).isNotEqualTo(old);
  }
}
