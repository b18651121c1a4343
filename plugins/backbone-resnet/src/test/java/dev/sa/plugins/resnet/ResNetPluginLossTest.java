package dev.sa.plugins.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.BackboneSpec;
import dev.sa.api.Described;
import org.junit.jupiter.api.Test;

/** The plugin hands its coordinate loss to the host through the backbone API ({@code BackbonePlugin.loss}). */
class ResNetPluginLossTest {
  private static BackboneSpec spec(ResNetOptions options) {
    return new BackboneSpec(68, 64, 16, options);
  }

  @Test
  void theLossIsTheOptionsLossSizedByTheSpec() {
    CoordinateLoss wing = (CoordinateLoss) new ResNetPlugin().loss(spec(ResNetOptions.defaults())).orElseThrow();
    assertThat(wing.isWing()).isTrue();
    assertThat(wing.width()).isEqualTo(10f / 64);
    assertThat(wing.epsilon()).isEqualTo(2f / 64);
    CoordinateLoss l1 = (CoordinateLoss) new ResNetPlugin()
        .loss(spec(new ResNetOptions(null, null, "l1", null, null, null, null, null))).orElseThrow();
    assertThat(l1.isWing()).isFalse();
  }

  @Test
  void optionsOfAnotherPluginAreRefused() {
    assertThatThrownBy(() -> new ResNetPlugin().loss(new BackboneSpec(68, 64, 16, new Described.NoOptions())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resnet backbone expects options");
  }
}
