package dev.sa.plugins.hourglass;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * Each engine's nearest upsampling (MXNet's UpSampling, PyTorch's interpolate) computes what the
 * two repeats compute, forward and backward.
 */
class UpsampleTest {
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"MXNet", "PyTorch"})
  void theEnginesUpsamplingEqualsTheRepeatsForwardAndBackward(String engine) {
    try (NDManager m = NDManager.newBaseManager(engine)) {
      NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 3, 4, 5));
      NDArray weights = m.randomUniform(-1f, 1f, new Shape(2, 3, 8, 10));
      float[][] out = new float[2][];
      float[][] grad = new float[2][];
      for (int way = 0; way < 2; way++) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine(engine).newGradientCollector()) {
          NDArray y = way == 0 ? HourglassBlocks.upsample2(input) : input.repeat(2, 2).repeat(3, 2);
          assertThat(y.getShape()).isEqualTo(new Shape(2, 3, 8, 10));
          out[way] = y.toFloatArray();
          gc.backward(y.mul(weights).sum());
        }
        grad[way] = input.getGradient().toFloatArray();
      }
      assertThat(out[0]).containsExactly(out[1]);
      // The gradient sums each 2 x 2 block; the two ways add in another order.
      assertThat(grad[0]).containsExactly(grad[1], org.assertj.core.data.Offset.offset(1e-6f));
      assertThat(out[0][0]).isEqualTo(out[0][1]).isEqualTo(x.getFloat(0, 0, 0, 0)); // a 2 x 2 block of x's pixel
    }
  }
}
