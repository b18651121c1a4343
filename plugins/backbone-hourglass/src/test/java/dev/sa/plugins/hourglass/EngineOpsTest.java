package dev.sa.plugins.hourglass;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The engine-specific operators of the hourglass compute what the portable ones compute, forward
 * and backward: each engine's nearest upsampling (MXNet's UpSampling, PyTorch's interpolate)
 * against two repeats, and MXNet's elemwise_add / add_n against add.
 */
class EngineOpsTest {
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

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"MXNet", "PyTorch"})
  void theSumsEqualPlainAddsForwardAndBackward(String engine) {
    try (NDManager m = NDManager.newBaseManager(engine)) {
      Shape shape = new Shape(2, 3, 4, 4);
      NDArray[] in = {m.randomUniform(-1f, 1f, shape), m.randomUniform(-1f, 1f, shape), m.randomUniform(-1f, 1f, shape)};
      NDArray weights = m.randomUniform(-1f, 1f, shape);
      float[][] out = new float[2][];
      float[][][] grads = new float[2][3][];
      for (int way = 0; way < 2; way++) {
        NDArray[] x = new NDArray[3];
        for (int i = 0; i < 3; i++) {
          x[i] = in[i].duplicate();
          x[i].setRequiresGradient(true);
        }
        try (GradientCollector gc = Engine.getEngine(engine).newGradientCollector()) {
          NDArray y = way == 0
              ? HourglassBlocks.add(HourglassBlocks.add(x[0], x[1]), HourglassBlocks.add(x[0], x[1], x[2]))
              : x[0].add(x[1]).add(x[0].add(x[1]).add(x[2]));
          out[way] = y.toFloatArray();
          gc.backward(y.mul(weights).sum());
        }
        for (int i = 0; i < 3; i++) {
          grads[way][i] = x[i].getGradient().toFloatArray();
        }
      }
      assertThat(out[0]).containsExactly(out[1], org.assertj.core.data.Offset.offset(1e-6f));
      for (int i = 0; i < 3; i++) {
        assertThat(grads[0][i]).containsExactly(grads[1][i], org.assertj.core.data.Offset.offset(1e-6f));
      }
      assertThat(out[0][0]).isCloseTo(2 * in[0].getFloat(0, 0, 0, 0) + 2 * in[1].getFloat(0, 0, 0, 0)
          + in[2].getFloat(0, 0, 0, 0), org.assertj.core.data.Offset.offset(1e-5f));
    }
  }
}
