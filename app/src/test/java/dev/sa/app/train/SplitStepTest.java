package dev.sa.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SplitStepTest {
  @Test
  void slicesSplitBatchesEvenly() {
    assertThat(SplitStep.slices(8, 2)).containsExactly(4, 4);
    assertThat(SplitStep.slices(7, 3)).containsExactly(3, 2, 2);
    assertThat(SplitStep.slices(1, 2)).containsExactly(1, 0);
  }
}
