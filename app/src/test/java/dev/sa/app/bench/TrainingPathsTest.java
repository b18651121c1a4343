package dev.sa.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.sa.app.data.BatchSource;
import dev.sa.app.train.LandmarkNet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fused RMSprop against the per-parameter reference, checkpoints across the two, and the
 * pieces of the multi-device step that run without GPUs.
 */
class TrainingPathsTest {
  @TempDir
  Path dir;

  @Test
  void fusedRmsPropGivesBitIdenticalWeights() {
    BatchSource.Batch batch = TinyNets.batch(4, 1);
    try (LandmarkNet fused = TinyNets.net(true, List.of(Device.cpu()), null);
        LandmarkNet plain = TinyNets.net(true, List.of(Device.cpu()), null)) {
      plain.setFusedOptimizer(false);
      for (int i = 0; i < 3; i++) {
        assertThat(fused.trainStep(batch, 1e-3)).isEqualTo(plain.trainStep(batch, 1e-3));
      }
      assertThat(weights(fused)).isEqualTo(weights(plain));
      try (LandmarkNet fresh = TinyNets.net(true, List.of(Device.cpu()), null)) {
        assertThat(weights(fused)).isNotEqualTo(weights(fresh));
      }
    }
  }

  @Test
  void checkpointsResumeExactlyAcrossOptimizerModes() throws Exception {
    BatchSource.Batch batch = TinyNets.batch(4, 2);
    try (LandmarkNet a = TinyNets.net(true, List.of(Device.cpu()), null);
        LandmarkNet b = TinyNets.net(true, List.of(Device.cpu()), null)) {
      a.trainStep(batch, 1e-3);
      a.trainStep(batch, 1e-3);
      a.save(dir);
      b.setFusedOptimizer(false);
      b.load(dir);
      a.trainStep(batch, 1e-3);
      b.trainStep(batch, 1e-3);
      assertThat(weights(b)).isEqualTo(weights(a));
    }
  }

  @Test
  void slicesSplitBatchesEvenly() {
    assertThat(LandmarkNet.slices(8, 2)).containsExactly(4, 4);
    assertThat(LandmarkNet.slices(7, 3)).containsExactly(3, 2, 2);
    assertThat(LandmarkNet.slices(1, 2)).containsExactly(1, 0);
  }

  @Test
  void devicesParseLikeTheConfig() {
    assertThat(LandmarkNet.devices("cpu")).containsExactly(Device.cpu());
    assertThat(LandmarkNet.devices("gpu:0, 1")).containsExactly(Device.gpu(0), Device.gpu(1));
    assertThat(LandmarkNet.engineName("PyTorch")).isEqualTo("PyTorch");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LandmarkNet.devices("tpu"))
        .hasMessageContaining("cpu, gpu or gpu:0,1");
  }

  /**
   * DJL folds every CPU id into one CPU device, so the split step cannot run on two CPU "devices"
   * here (it needs GPUs); a device named twice is refused rather than silently trained twice.
   */
  @Test
  void aDeviceNamedTwiceIsRefused() {
    org.assertj.core.api.Assertions.assertThat(Device.of("cpu", 1)).isEqualTo(Device.cpu());
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> TinyNets.net(false, List.of(Device.cpu(), Device.of("cpu", 1)), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct devices");
  }

  /** A fingerprint of every weight: the predictions on a fixed batch (inference mode). */
  static float[] weights(LandmarkNet net) {
    return net.predict(TinyNets.batch(2, 99).images(), 2);
  }
}
