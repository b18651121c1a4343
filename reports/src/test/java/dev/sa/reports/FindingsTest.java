package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The label sentence says which way each group of training labels moved against the truth. */
class FindingsTest {
  @Test
  void towardAwayOrUnchangedEachWithItsRange() {
    assertThat(Findings.movement("the weak training labels", 6.19, 5.31, " % of the normaliser"))
        .isEqualTo("moved the weak training labels toward the truth (6.19 → 5.31 % of the normaliser)");
    // a search that drags well-defined points off is not reported as moving labels toward the truth
    assertThat(Findings.movement("the strong ones", 0.94, 5.71, "")).isEqualTo("moved the strong ones away from the truth (0.94 → 5.71)");
    assertThat(Findings.movement("the strong ones", 0.942, 0.943, "")).isEqualTo("left the strong ones as far from the truth as before (0.94 → 0.94)");
  }
}
