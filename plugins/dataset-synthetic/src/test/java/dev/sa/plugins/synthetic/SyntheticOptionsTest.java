package dev.sa.plugins.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticOptionsTest {
  @Test
  void defaultsMatchTheDocumentation() {
    SyntheticOptions o = SyntheticOptions.defaults();
    assertThat(o.imageSize()).isEqualTo(96);
    assertThat(o.boxScale()).isEqualTo(1.25);
    assertThat(o.rotationStd()).isEqualTo(10.0);
    assertThat(o.challengeRotationStd()).isEqualTo(20.0);
    assertThat(o.yawMax()).isEqualTo(0.3);
    assertThat(o.seedOffset()).isZero();
    assertThat(o.trainSize()).isEqualTo(600);
    assertThat(o.commonSize()).isEqualTo(150);
    assertThat(o.challengeSize()).isEqualTo(60);
    assertThat(o.noise()).isEqualTo("independent");
    assertThat(o.noiseModel()).isEqualTo(AnnotationNoise.Model.INDEPENDENT);
    assertThat(o.weakTangential()).isEqualTo(0.06);
    assertThat(o.weakNormal()).isEqualTo(0.01);
    assertThat(o.strong()).isEqualTo(0.015);
    assertThat(o.annotators()).isEqualTo(3);
    assertThat(o.annotatorBias()).isEqualTo(0.05);
    assertThat(o.jitterScale()).isEqualTo(0.5);
    assertThat(o.occludedScale()).isEqualTo(3.0);
  }

  @Test
  void aBadNoiseNameNamesTheKeyAndTheValidValues() {
    assertThatThrownBy(() -> TestData.options(Map.of("noise", "gaussian")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("noise")
        .hasMessageContaining("gaussian")
        .hasMessageContaining("independent, annotators, appearance");
  }

  @Test
  void outOfRangeValuesNameTheKeyAndTheRange() {
    assertThatThrownBy(() -> TestData.options(Map.of("imageSize", 8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("imageSize")
        .hasMessageContaining("32..1024");
    assertThatThrownBy(() -> TestData.options(Map.of("boxScale", 0.5)))
        .hasMessageContaining("boxScale");
    assertThatThrownBy(() -> TestData.options(Map.of("weakTangential", -0.1)))
        .hasMessageContaining("weakTangential");
    assertThatThrownBy(() -> TestData.options(Map.of("annotators", 0)))
        .hasMessageContaining("annotators");
    assertThatThrownBy(() -> TestData.options(Map.of("yawMax", Double.NaN)))
        .hasMessageContaining("yawMax");
    assertThatThrownBy(() -> TestData.options(Map.of("trainSize", 0)))
        .hasMessageContaining("trainSize");
  }

  @Test
  void everyModelNameParses() {
    for (String key : new String[] {"independent", "annotators", "appearance"}) {
      assertThat(TestData.options(Map.of("noise", key)).noiseModel().key()).isEqualTo(key);
    }
  }
}
