package dev.sa.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.sa.app.train.LandmarkNet;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The training step and inference on DJL's PyTorch engine; runs only where that engine is on the class path. */
@Tag("pytorch")
@EnabledIf("present")
class PyTorchEngineTest {
  static boolean present() {
    return Engine.hasEngine("PyTorch");
  }

  @Test
  void tinyStepAndForwardGiveFiniteValues() {
    try (LandmarkNet net = TinyNets.net(true, List.of(Device.cpu()), "PyTorch")) {
      assertThat(net.engineName()).isEqualTo("PyTorch");
      float first = net.trainStep(TinyNets.batch(4, 5), 1e-3);
      float second = net.trainStep(TinyNets.batch(4, 5), 1e-3);
      assertThat(first).isFinite().isPositive();
      assertThat(second).isFinite().isNotEqualTo(first);
      float[] out = net.predict(TinyNets.batch(2, 6).images(), 2);
      assertThat(out).hasSize(2 * TinyNets.LANDMARKS * TinyNets.SIZE * TinyNets.SIZE);
      for (float v : out) {
        assertThat(v).isFinite();
      }
    }
  }

  /**
   * PyTorch adds each backward pass to the gradients: after a step they must be cleared, or the next
   * step would apply the sum of every batch so far.
   */
  @Test
  void gradientsAreClearedAfterEachStep() {
    try (LandmarkNet net = TinyNets.net(true, List.of(Device.cpu()), "PyTorch")) {
      net.trainStep(TinyNets.batch(4, 5), 1e-3);
      for (float g : net.firstGradient()) {
        assertThat(g).isZero();
      }
    }
  }
}
