package dev.sa.app.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.norm.BatchNorm;
import dev.sa.app.config.Choices.GraphMode;
import dev.sa.app.data.BatchSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Precise BatchNorm (issue 14): after a few steps at a high learning rate the engine's moving
 * averages lag the weights and evaluation parts from the training path; re-estimated at the final
 * weights they are the average of the batches' own statistics.
 */
class RunningStatisticsTest {
  private static final int B = 8;
  private static final BatchSource.Batch A = TinyNets.batch(B, 11);
  private static final BatchSource.Batch C = TinyNets.batch(B, 12);

  private static LandmarkNet trained(GraphMode graph) {
    LandmarkNet net = LandmarkNet.builder().setBackbone(TinyNets.backbone(true)).setLandmarks(TinyNets.LANDMARKS)
        .setSizes(TinyNets.SIZE, TinyNets.SIZE).optSeed(7).optDevices(dev.sa.app.config.Devices.of(List.of(Device.cpu())))
        .optGraph(graph).build();
    for (int i = 0; i < 6; i++) {
      net.trainStep(TinyNets.batch(B, 100 + i), 0.05);
    }
    return net;
  }

  private static float[] eval(LandmarkNet net, BatchSource.Batch b) {
    try (NDManager step = net.manager().newSubManager()) {
      return net.predictArray(step, b.images(), b.size()).toFloatArray();
    }
  }

  private static float[] batchMode(LandmarkNet net, BatchSource.Batch b) {
    try (NDManager step = net.manager().newSubManager()) {
      return net.predictArrayWithBatchStatistics(step, b.images(), b.size()).toFloatArray();
    }
  }

  private static double maxGap(float[] a, float[] b) {
    double scale = 0;
    double gap = 0;
    for (int i = 0; i < a.length; i++) {
      scale = Math.max(scale, Math.abs(b[i]));
      gap = Math.max(gap, Math.abs(a[i] - b[i]));
    }
    return gap / scale;
  }

  @Test
  void reEstimatedOnOneBatchEvaluationEqualsTheTrainingPathOnIt() {
    for (GraphMode graph : List.of(GraphMode.OFF, GraphMode.STATIC)) {
      try (LandmarkNet net = trained(graph)) {
        double before = maxGap(eval(net, A), batchMode(net, A));
        float[] weights = net.trainableValues();
        assertThat(net.reestimateRunningStatistics(List.of(A).iterator(), 5)).isEqualTo(1);
        double after = maxGap(eval(net, A), batchMode(net, A));
        assertThat(before).as("moving averages lag the weights (%s)", graph).isGreaterThan(0.01);
        // MXNet keeps the biased batch variance, the one training normalises by: equal to float rounding (1e-7).
        assertThat(after).as("re-estimated (%s)", graph).isLessThan(1e-5);
        assertThat(net.trainableValues()).as("weights untouched").containsExactly(weights);
      }
    }
  }

  @Test
  void severalBatchesGiveTheMeanOfEachBatchsStatistics() {
    float[] onA;
    float[] onC;
    float[] both;
    try (LandmarkNet net = trained(GraphMode.STATIC)) {
      net.reestimateRunningStatistics(List.of(A).iterator(), 1);
      onA = net.parameterValues();
      net.reestimateRunningStatistics(List.of(C).iterator(), 1);
      onC = net.parameterValues();
      // At most two of three offered batches are used.
      net.reestimateRunningStatistics(List.of(A, C, TinyNets.batch(B, 13)).iterator(), 2);
      both = net.parameterValues();
    }
    assertThat(onA).isNotEqualTo(onC);
    for (int i = 0; i < both.length; i++) {
      if (onA[i] != onC[i]) { // a running average (the weights are the same in all three)
        assertThat((double) both[i]).isCloseTo((onA[i] + onC[i]) / 2.0, within(1e-5 + 1e-5 * Math.abs(both[i])));
      }
    }
  }

  @Test
  void withoutBatchNormNothingIsDone() {
    try (LandmarkNet net = TinyNets.net(false, List.of(Device.cpu()), null)) {
      float[] before = net.parameterValues();
      assertThat(net.reestimateRunningStatistics(List.of(A).iterator(), 3)).isZero();
      assertThat(net.parameterValues()).containsExactly(before);
    }
  }

  @Test
  void djlsMomentumIsRead() {
    assertThat(RunningStatistics.momentum(BatchNorm.builder().build())).isEqualTo(0.9f);
    assertThat(RunningStatistics.momentum(BatchNorm.builder().optMomentum(0.7f).build())).isEqualTo(0.7f);
  }
}
