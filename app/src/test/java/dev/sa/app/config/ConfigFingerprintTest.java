package dev.sa.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  /**
   * A run folder made before a key existed keeps its fingerprint: the key at its inert value hashes
   * as if absent (default tree, and {@code inert} set explicitly); {@code active} counts.
   */
  @ParameterizedTest
  @CsvSource({
      "sa.points, all, weak", // every point searched
      "sa.moves, free, centred", // y^ as searched
      "sa.crossFit, 0, 2", // the paper's heatmaps
      "sa.updateRate, 1, 0.5", // the paper's o <- y^; a damped rate counts
      "sa.updateShare, 1, 0.5", // every face moves; a confidence gate counts
      "train.preciseBn, 0, 16"}) // the engine's moving averages; a re-estimation counts
  void aKeyAtItsValueFromBeforeItExistedHashesAsIfAbsent(String key, String inert, String active) {
    String[] path = key.split("\\.");
    ObjectNode before = tree(key + "=" + inert);
    ((ObjectNode) before.get(path[0])).remove(path[1]);
    String old = ConfigFingerprint.of(before).sha256();
    assertThat(ConfigFingerprint.of(tree(key + "=" + inert)).sha256()).isEqualTo(old);
    assertThat(ConfigFingerprint.of(tree(key + "=" + active)).sha256()).isNotEqualTo(old);
    if (!key.equals("train.preciseBn")) { // the built-in default of preciseBn is 16 (not inert)
      assertThat(ConfigFingerprint.of(tree()).sha256()).isEqualTo(old);
    }
  }
}
