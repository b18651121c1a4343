package dev.sa.plugins.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.sa.api.NormalizerData;
import dev.sa.api.NormalizerSpec;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationNormalizerTest {
  @TempDir Path tmp;

  /** Crops of a bar through the centre at the face's angle plus the asked rotation (a bright end marks the direction). */
  static final class Bars implements NormalizerData {
    final int size;
    final double[] base;

    Bars(int size, int faces) {
      this.size = size;
      this.base = new double[faces];
      for (int i = 0; i < faces; i++) {
        base[i] = -30 + 60.0 * i / faces;
      }
    }

    @Override
    public int size() {
      return base.length;
    }

    @Override
    public Batch batch(int[] faces, double[] rotations) {
      float[] crops = new float[faces.length * 3 * size * size];
      float[] angles = new float[faces.length];
      double mid = (size - 1) / 2.0;
      for (int i = 0; i < faces.length; i++) {
        double a = Math.IEEEremainder(base[faces[i]] + rotations[i], 360);
        angles[i] = (float) a;
        double c = Math.cos(Math.toRadians(a));
        double s = Math.sin(Math.toRadians(a));
        for (int v = 0; v < size; v++) {
          for (int u = 0; u < size; u++) {
            double along = (u - mid) * c + (v - mid) * s;
            double across = -(u - mid) * s + (v - mid) * c;
            float value = Math.abs(across) < 2 && Math.abs(along) < size / 3.0 ? (along > 0 ? 0.5f : 0.1f) : -0.5f;
            for (int ch = 0; ch < 3; ch++) {
              crops[((i * 3 + ch) * size + v) * size + u] = value;
            }
          }
        }
      }
      return new Batch(crops, angles);
    }
  }

  static RotationNormalizer normalizer(RotationOptions o) {
    return new RotationNormalizer(new NormalizerSpec(5L, Device.cpu(), o), o);
  }

  @Test
  void optionsDefaultAndRefuseValuesOutOfRange() {
    RotationOptions d = RotationOptions.defaults();
    assertThat(d.cropSize()).isEqualTo(64);
    assertThat(d.rotationRange()).isEqualTo(60.0);
    assertThatThrownBy(() -> new RotationOptions(null, null, null, null, null, 181.0))
        .hasMessageContaining("rotationRange: 181.0 is outside 0..180");
    assertThatThrownBy(() -> new RotationOptions(8, null, null, null, null, null))
        .hasMessageContaining("cropSize: 8 is outside 16..256");
    assertThatThrownBy(() -> new RotationOptions(null, null, null, null, 1, null))
        .hasMessageContaining("batch: 1 is outside 2..4096");
  }

  @Test
  void aTrainedNormaliserSavesAndLoadsToTheSamePredictions() throws Exception {
    RotationOptions o = new RotationOptions(16, 4, 2, null, 4, 90.0);
    Bars data = new Bars(16, 8);
    NormalizerData.Batch b = data.batch(new int[] {0, 3, 5}, new double[] {10, -40, 70});
    float[] before;
    try (RotationNormalizer n = normalizer(o)) {
      assertThatThrownBy(() -> n.predict(b.crops(), 3)).isInstanceOf(SaException.class)
          .hasMessageContaining("before fit() or load()");
      StringBuilder log = new StringBuilder();
      n.fit(data, l -> log.append(l).append('\n'));
      assertThat(log.toString()).contains("rotation normaliser epoch 2/2");
      before = n.predict(b.crops(), 3);
      n.save(tmp);
    }
    assertThat(Files.exists(tmp.resolve(RotationNormalizer.FILE_NAME))).isTrue();
    try (RotationNormalizer n = normalizer(o)) {
      n.load(tmp);
      assertThat(n.predict(b.crops(), 3)).containsExactly(before);
    }
    try (RotationNormalizer other = normalizer(new RotationOptions(32, 4, 2, null, 4, 90.0))) {
      assertThatThrownBy(() -> other.load(tmp)).isInstanceOf(SaException.class)
          .hasMessageContaining("trained with cropSize 16");
    }
  }

  @Test
  void degreesComeFromCosSinPairs() {
    assertThat(RotationNormalizer.degrees(new float[] {1, 0, 0, 2, -1, 0, 0, -0.5f}, 4))
        .containsExactly(0f, 90f, 180f, -90f);
  }
}
