package dev.sa.plugins.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.BackboneSpec;
import dev.sa.api.Described;
import org.junit.jupiter.api.Test;

class ResNetOptionsTest {
  @Test
  void missingKeysTakeTheDefaults() {
    assertThat(ResNetOptions.defaults()).isEqualTo(new ResNetOptions(18, null, "wing", 10.0, 2.0, "batch", 0.9, 0.03));
  }

  @Test
  void invalidValuesNameTheKeyAndWhatIsValid() {
    assertThatThrownBy(() -> new ResNetOptions(20, null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth")
        .hasMessageContaining("18, 34 or 50");
    assertThatThrownBy(() -> new ResNetOptions(null, null, "l2", null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss")
        .hasMessageContaining("l1 or wing");
    assertThatThrownBy(() -> new ResNetOptions(null, " ", null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights");
    assertThatThrownBy(() -> new ResNetOptions(null, null, null, 0.0, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wingWidth");
    assertThatThrownBy(() -> new ResNetOptions(null, null, null, null, Double.NaN, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wingEpsilon");
    assertThatThrownBy(() -> new ResNetOptions(null, null, null, null, null, "layer", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("norm")
        .hasMessageContaining("batch or group");
    assertThatThrownBy(() -> new ResNetOptions(null, null, null, null, null, null, 1.0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum");
    assertThatThrownBy(() -> new ResNetOptions(null, null, null, null, null, null, -0.1, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum");
    assertThatThrownBy(() -> new ResNetOptions(null, null, null, null, null, null, null, 0.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("headScale");
  }

  @Test
  void normIsCaseInsensitive() {
    assertThat(new ResNetOptions(null, null, null, null, null, " Group ", null, null).norm())
        .isEqualTo("group");
  }

  @Test
  void newLossFollowsTheLossKeyAndScalesWingByTheInputSide() {
    CoordinateLoss wing = (CoordinateLoss) ResNetOptions.defaults().newLoss(64);
    assertThat(wing.isWing()).isTrue();
    assertThat(wing.width()).isEqualTo(10f / 64);
    assertThat(wing.epsilon()).isEqualTo(2f / 64);
    CoordinateLoss l1 = (CoordinateLoss) new ResNetOptions(null, null, "L1", null, null, null, null, null).newLoss(64);
    assertThat(l1.isWing()).isFalse();
  }

  @Test
  void optionsOfAnotherPluginAreRejected() {
    assertThatThrownBy(() -> new ResNetPlugin().build(new BackboneSpec(5, 32, 32, new Described.NoOptions())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ResNetOptions");
  }

  @Test
  void describesItself() {
    ResNetPlugin plugin = new ResNetPlugin();
    assertThat(plugin.id()).isEqualTo("resnet");
    assertThat(plugin.optionsType()).isEqualTo(ResNetOptions.class);
    assertThat(plugin.description()).contains("ResNet");
  }
}
