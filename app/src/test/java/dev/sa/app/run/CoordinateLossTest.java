package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

class CoordinateLossTest {
  /** Options of a plugin that offers its own loss. */
  public record WithLoss(Integer size) {
    public Loss newLoss(int inputSize) {
      return new L1Loss("l1@" + inputSize);
    }
  }

  /** Options of a plugin that does not. */
  public record Plain(Integer size) {}

  @Test
  void thePluginsLossIsFoundByItsAccessorElseL1IsKept() {
    assertThat(Setup.coordinateLoss(new WithLoss(1), 64).getName()).isEqualTo("l1@64");
    assertThat(Setup.coordinateLoss(new Plain(1), 64)).isNull();
  }
}
