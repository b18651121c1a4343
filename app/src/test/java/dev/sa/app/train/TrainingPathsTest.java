package dev.sa.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.sa.app.data.BatchSource;
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
    try (LandmarkNet fused = TinyNets.net(true, List.of(Device.cpu()), null, RmsProp.Form.FUSED);
        LandmarkNet plain = TinyNets.net(true, List.of(Device.cpu()), null, RmsProp.Form.PER_PARAMETER)) {
      for (int i = 0; i < 3; i++) {
        assertThat(fused.trainStep(batch, 1e-3)).isEqualTo(plain.trainStep(batch, 1e-3));
      }
      assertThat(weights(fused)).isEqualTo(weights(plain));
      try (LandmarkNet fresh = TinyNets.net(true, List.of(Device.cpu()), null)) {
        assertThat(weights(fused)).isNotEqualTo(weights(fresh));
      }
    }
  }

  /**
   * MXNet's adam_update with beta1 = 0 against the reference: the same losses and gradients step
   * after step (both are functions of the weights; a different formula, e.g. epsilon inside the
   * root, changes the first steps by orders of magnitude). Predictions are not compared: this tiny
   * network's inference output amplifies float rounding of the weights to about 1%.
   */
  @Test
  void mxnetAdamFormTrainsAsTheReference() {
    BatchSource.Batch batch = TinyNets.batch(4, 3);
    try (LandmarkNet adam = TinyNets.net(true, List.of(Device.cpu()), "MXNet");
        LandmarkNet plain = TinyNets.net(true, List.of(Device.cpu()), "MXNet", RmsProp.Form.PER_PARAMETER);
        LandmarkNet slow = TinyNets.net(true, List.of(Device.cpu()), "MXNet", RmsProp.Form.PER_PARAMETER)) {
      assertThat(adam.optimizerForm()).as("MXNet's default").isEqualTo(RmsProp.Form.MXNET_ADAM);
      for (int i = 0; i < 6; i++) {
        float la = adam.trainStep(batch, 1e-3);
        assertThat(la).as("loss at step " + i).isCloseTo(plain.trainStep(batch, 1e-3),
            org.assertj.core.data.Percentage.withPercentage(1e-2));
        float[] ga = adam.firstGradient();
        float[] gp = plain.firstGradient();
        for (int j = 0; j < ga.length; j++) {
          assertThat((double) Math.abs(ga[j] - gp[j])).as("gradient " + j + " at step " + i)
              .isLessThan(1e-4 * Math.abs(gp[j]) + 1e-7);
        }
      }
      // The comparison can fail: a smaller learning rate gives other losses by now.
      float other = 0;
      for (int i = 0; i < 6; i++) {
        other = slow.trainStep(batch, 1e-4);
      }
      assertThat(other).isNotCloseTo(adam.trainStep(batch, 1e-3), org.assertj.core.data.Percentage.withPercentage(1));
    }
  }

  @Test
  void checkpointsResumeAcrossTheMxnetAdamForm() throws Exception {
    BatchSource.Batch batch = TinyNets.batch(4, 4);
    try (LandmarkNet a = TinyNets.net(true, List.of(Device.cpu()), "MXNet", RmsProp.Form.PER_PARAMETER);
        LandmarkNet b = TinyNets.net(true, List.of(Device.cpu()), "MXNet")) {
      a.trainStep(batch, 1e-3);
      a.trainStep(batch, 1e-3);
      a.save(dir);
      b.trainStep(batch, 1e-3); // caches gradient handles of b's arrays, which the load replaces
      b.load(dir); // per-parameter state into the adam form
      a.trainStep(batch, 1e-3);
      b.trainStep(batch, 1e-3);
      float[] wa = weights(a);
      float[] wb = weights(b);
      for (int i = 0; i < wa.length; i++) {
        assertThat((double) Math.abs(wa[i] - wb[i])).as("weight " + i).isLessThan(1e-6);
      }
    }
  }

  @Test
  void checkpointsResumeExactlyAcrossOptimizerModes() throws Exception {
    BatchSource.Batch batch = TinyNets.batch(4, 2);
    try (LandmarkNet a = TinyNets.net(true, List.of(Device.cpu()), null, RmsProp.Form.FUSED);
        LandmarkNet b = TinyNets.net(true, List.of(Device.cpu()), null, RmsProp.Form.PER_PARAMETER)) {
      a.trainStep(batch, 1e-3);
      a.trainStep(batch, 1e-3);
      a.save(dir);
      b.load(dir);
      a.trainStep(batch, 1e-3);
      b.trainStep(batch, 1e-3);
      assertThat(weights(b)).isEqualTo(weights(a));
    }
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
