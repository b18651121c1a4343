package dev.sa.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.loss.Loss;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link BackbonePlugin#loss}: none by default (the host's loss), a plugin's own when it brings one. */
class BackbonePluginLossTest {
  private static final BackboneSpec SPEC = new BackboneSpec(2, 16, 8, new Described.NoOptions());

  /** A backbone that leaves the loss to the host. */
  private static class Plain implements BackbonePlugin {
    @Override
    public String id() {
      return "plain";
    }

    @Override
    public String description() {
      return "test";
    }

    @Override
    public Backbone build(BackboneSpec spec) {
      return new Backbone(new SequentialBlock(), Backbone.Output.HEATMAPS, 1);
    }
  }

  /** A backbone with its own loss, sized by the spec. */
  private static final class WithLoss extends Plain {
    @Override
    public Optional<Loss> loss(BackboneSpec spec) {
      return Optional.of(new Loss("own@" + spec.inputSize()) {
        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
          throw new UnsupportedOperationException();
        }
      });
    }
  }

  @Test
  void aBackboneHasNoLossOfItsOwnByDefault() {
    assertThat(new Plain().loss(SPEC)).isEmpty();
  }

  @Test
  void aBackboneMayBringItsOwnLoss() {
    assertThat(new WithLoss().loss(SPEC)).get().extracting(Loss::getName).isEqualTo("own@16");
  }
}
