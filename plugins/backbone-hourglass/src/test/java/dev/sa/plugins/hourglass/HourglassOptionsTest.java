package dev.sa.plugins.hourglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.BackboneSpec;
import dev.sa.api.Described;
import org.junit.jupiter.api.Test;

class HourglassOptionsTest {
  @Test
  void missingKeysTakeTheDefaults() {
    HourglassOptions options = new HourglassOptions(null, null, null, null, null, null);
    assertThat(options).isEqualTo(new HourglassOptions(2, 4, 128, "mixed", 32, 8));
    assertThat(HourglassOptions.defaults()).isEqualTo(options);
  }

  @Test
  void invalidValuesNameTheKeyAndTheValidRange() {
    assertThatThrownBy(() -> new HourglassOptions(0, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stacks")
        .hasMessageContaining("1 and 8");
    assertThatThrownBy(() -> new HourglassOptions(null, 0, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth");
    assertThatThrownBy(() -> new HourglassOptions(null, null, 15, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channels")
        .hasMessageContaining("even");
  }

  @Test
  void depthIsCappedSoTheBottomMapStaysAtLeastTwoByTwo() {
    HourglassOptions deep = new HourglassOptions(null, 8, null, null, null, null);
    assertThat(deep.effectiveDepth(64)).isEqualTo(5);
    assertThat(deep.effectiveDepth(16)).isEqualTo(3);
    assertThat(deep.effectiveDepth(4)).isEqualTo(1);
    assertThat(deep.effectiveDepth(24)).isEqualTo(3);
    assertThat(new HourglassOptions(null, 2, null, null, null, null).effectiveDepth(64)).isEqualTo(2);
    assertThatThrownBy(() -> deep.effectiveDepth(2)).hasMessageContaining("heatmapSize 2");
    assertThatThrownBy(() -> deep.effectiveDepth(15)).hasMessageContaining("heatmapSize 15");
  }

  @Test
  void unsupportedInputToHeatmapRatioIsRejectedClearly() {
    HourglassPlugin plugin = new HourglassPlugin();
    assertThatThrownBy(() -> plugin.build(new BackboneSpec(5, 64, 8, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1, 2 or 4")
        .hasMessageContaining("64/8");
    assertThatThrownBy(() -> plugin.build(new BackboneSpec(5, 64, 24, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64/24");
    assertThatThrownBy(() -> plugin.build(new BackboneSpec(5, 64, 32, new Described.NoOptions())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HourglassOptions");
  }

  @Test
  void describesItself() {
    HourglassPlugin plugin = new HourglassPlugin();
    assertThat(plugin.id()).isEqualTo("hourglass");
    assertThat(plugin.optionsType()).isEqualTo(HourglassOptions.class);
    assertThat(plugin.description()).contains("hourglass");
  }
}
