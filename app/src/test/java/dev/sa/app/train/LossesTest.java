package dev.sa.app.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.training.loss.L1Loss;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.train.loss.HeatmapMseLoss;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The training losses: SA's chi-square loss is Eq. 9 as written whatever the foreground weight
 * (issue 22 b), the foreground weight applies to the MSE only, and the builder's checks.
 */
class LossesTest {
  private static final int N = 2;
  private static final int H = 8;

  /** A batch of the tiny network's faces with the given per-pixel weights (null: none). */
  private static BatchSource.Batch batch(float[] weights) {
    HeatmapCodec codec = new HeatmapCodec(H, 1.0);
    try (BatchSource src = new BatchSource(1, new dev.sa.app.method.Frames(16, H, 16.0 / 15, new int[] {0, 1}), codec)) {
      BatchSource.Batch b = src.pass(LandmarkNetTest.items(), 4, BatchSource.Augment.NONE, false, 0).next();
      return new BatchSource.Batch(b.size(), b.images(), b.targets(), weights, b.targetsInCrop(), b.transforms(),
          b.items());
    }
  }

  /** Weights like SA's 1/E: large (up to 100) in a window, 0 elsewhere; seeded. */
  private static float[] chi2Weights(int faces) {
    Random r = new Random(5);
    float[] w = new float[faces * N * H * H];
    for (int i = 0; i < w.length; i++) {
      w[i] = (i % H) < 3 ? 1f + 99f * r.nextFloat() : 0f;
    }
    return w;
  }

  @Test
  void chi2LossWithTheDefaultSettingsIsEq9ComputedByHand() {
    SaConfig defaults = ConfigLoader.load(null, List.of()).config();
    double fw = defaults.train().foregroundWeight();
    assertThat(fw).as("the default foreground weight, which chi2 must not apply").isGreaterThan(0);
    BatchSource.Batch batch = batch(chi2Weights(4));
    try (LandmarkNet net = LandmarkNetTest.tiny(3).optForegroundWeight(fw).build()) {
      // One stack without BatchNorm: inference gives the training step's forward pass.
      float[] h = net.predict(batch.images(), batch.size());
      double sum = 0;
      for (int i = 0; i < h.length; i++) {
        double e = h[i] - batch.targets()[i];
        sum += batch.weights()[i] * e * e; // sum_i (E_i - H_i)^2 / E_i, with the weights 1/E
      }
      double eq9 = sum / h.length;
      double withForeground = 0;
      for (int i = 0; i < h.length; i++) {
        double e = h[i] - batch.targets()[i];
        withForeground += batch.weights()[i] * (1 + fw * batch.targets()[i]) * e * e;
      }
      withForeground /= h.length;
      float loss = net.trainStep(batch, 0);
      assertThat((double) loss).isCloseTo(eq9, within(1e-5 * eq9));
      assertThat(withForeground).as("the test can tell the two apart").isGreaterThan(eq9 * 1.01);
    }
  }

  @Test
  void foregroundWeightAppliesToTheMseByHand() {
    BatchSource.Batch batch = batch(null);
    try (LandmarkNet net = LandmarkNetTest.tiny(3).optForegroundWeight(10).build()) {
      float[] h = net.predict(batch.images(), batch.size());
      double sum = 0;
      for (int i = 0; i < h.length; i++) {
        double e = h[i] - batch.targets()[i];
        sum += (1 + 10 * batch.targets()[i]) * e * e;
      }
      assertThat((double) net.trainStep(batch, 0)).isCloseTo(sum / h.length, within(1e-5 * sum / h.length));
      assertThat(net.loss()).isInstanceOf(HeatmapMseLoss.class);
      assertThat(((HeatmapMseLoss) net.loss()).foregroundWeight()).isEqualTo(10.0);
    }
  }

  @Test
  void aGivenLossReplacesTheDefaultForUnweightedBatches() {
    BatchSource.Batch batch = batch(null);
    try (LandmarkNet net = LandmarkNetTest.tiny(3).optLoss(new L1Loss("mine")).build()) {
      float[] h = net.predict(batch.images(), batch.size());
      double sum = 0;
      for (int i = 0; i < h.length; i++) {
        sum += Math.abs(h[i] - batch.targets()[i]);
      }
      assertThat(net.loss().getName()).isEqualTo("mine");
      assertThat((double) net.trainStep(batch, 0)).isCloseTo(sum / h.length, within(1e-5 * sum / h.length));
    }
  }

  @Test
  void theBuilderNamesWhatIsMissing() {
    assertThatThrownBy(() -> LandmarkNet.builder().setLandmarks(2).setSizes(16, 8).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setBackbone");
    assertThatThrownBy(() -> LandmarkNet.builder().setBackbone(LandmarkNetTest.tinyBackbone()).setSizes(16, 8).build())
        .hasMessageContaining("setLandmarks");
    assertThatThrownBy(() -> LandmarkNetTest.tiny(1).setSizes(8, 16).build())
        .hasMessageContaining("heatmap size <= input size");
    assertThatThrownBy(() -> new HeatmapMseLoss(-1)).hasMessageContaining(">= 0");
  }
}
