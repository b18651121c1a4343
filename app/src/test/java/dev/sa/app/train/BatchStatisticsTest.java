package dev.sa.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.sa.api.Backbone;
import org.junit.jupiter.api.Test;

/** The guard's training-mode prediction: the same kind of output as evaluation, running averages untouched. */
class BatchStatisticsTest {
  private static final int N = 3;
  private static final int S = 8;

  private static LandmarkNet net(boolean batchNorm) {
    SequentialBlock b = new SequentialBlock().add(Blocks.batchFlattenBlock());
    if (batchNorm) {
      b.add(BatchNorm.builder().build());
    }
    b.add(Linear.builder().setUnits(2 * N).build());
    return LandmarkNet.builder().setBackbone(new Backbone(b, Backbone.Output.COORDINATES, 1)).setLandmarks(N)
        .setSizes(S, S).optSeed(3).optEngine(dev.sa.app.config.Choices.Engine.MXNET).build();
  }

  private static float[] images(int faces) {
    float[] v = new float[faces * 3 * S * S];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.sin(i * 0.37) * 0.5f;
    }
    return v;
  }

  @Test
  void withoutBatchNormBothModesGiveTheSameRawOutput() {
    try (LandmarkNet net = net(false); NDManager step = net.manager().newSubManager()) {
      assertThat(net.hasBatchStatistics()).isFalse();
      float[] eval = net.predictArray(step, images(4), 4).toFloatArray();
      float[] train = net.predictArrayWithBatchStatistics(step, images(4), 4).toFloatArray();
      assertThat(train).containsExactly(eval, org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void withBatchNormTheRunningAveragesAreLeftAsTheyWere() {
    try (LandmarkNet net = net(true); NDManager step = net.manager().newSubManager()) {
      assertThat(net.hasBatchStatistics()).isTrue();
      float[] before = net.parameterValues();
      net.predictArrayWithBatchStatistics(step, images(4), 4).toFloatArray();
      assertThat(net.parameterValues()).containsExactly(before);
    }
  }
}
