package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.config.ConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which configs train small batches, so that their processes take one engine thread (EngineThreads). */
class SmallStepsTest {
  @Test
  void theQuickStartTrainsSmallBatches() {
    assertThat(RunService.smallSteps(ConfigLoader.load(null, List.of()))).isTrue();
  }

  @Test
  void aLargerInputOrBatchIsNotSmall() {
    assertThat(RunService.smallSteps(ConfigLoader.load(null, List.of("input.size=128", "input.heatmapSize=32"))))
        .isFalse();
    assertThat(RunService.smallSteps(ConfigLoader.load(null, List.of("train.batchSize=32")))).isFalse();
  }

  @Test
  void oneVariantWithALargerInputMakesTheRunNotSmall() {
    assertThat(RunService.smallSteps(ConfigLoader.load(null, List.of(
        "variants=[{name: a, set: {sa.epochs: 0}}, {name: b, set: {input.size: 128, input.heatmapSize: 32}}]"))))
        .isFalse();
    assertThat(RunService.smallSteps(ConfigLoader.load(null, List.of(
        "variants=[{name: a, set: {sa.epochs: 0}}, {name: b, set: {sa.enabled: true}}]")))).isTrue();
  }
}
