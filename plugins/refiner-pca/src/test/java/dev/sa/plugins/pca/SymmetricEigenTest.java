package dev.sa.plugins.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
  private static final double EPS = 1e-12;

  /** Eigenvectors are defined up to sign: compare |v . expected| with 1. */
  private static void assertParallel(double[] v, double... expected) {
    double dot = 0;
    for (int i = 0; i < v.length; i++) {
      dot += v[i] * expected[i];
    }
    assertThat(Math.abs(dot)).isCloseTo(1, within(1e-12));
  }

  @Test
  void twoByTwoByHand() {
    // [[2, 1], [1, 2]]: det(A - l I) = (2 - l)^2 - 1 = 0 -> l = 3, 1; vectors (1, 1), (1, -1).
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
    assertThat(e.value(0)).isCloseTo(3, within(EPS));
    assertThat(e.value(1)).isCloseTo(1, within(EPS));
    double r = Math.sqrt(0.5);
    assertParallel(e.vector(0), r, r);
    assertParallel(e.vector(1), r, -r);
  }

  @Test
  void threeByThreeByHand() {
    // The second-difference matrix: l_k = 2 - 2 cos(k pi / 4) for k = 1, 2, 3, with vectors
    // sin(j k pi / 4): 2 - sqrt 2 -> (1, sqrt 2, 1) / 2, 2 -> (1, 0, -1) / sqrt 2,
    // 2 + sqrt 2 -> (1, -sqrt 2, 1) / 2.
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}});
    double s = Math.sqrt(2);
    assertThat(e.value(0)).isCloseTo(2 + s, within(EPS));
    assertThat(e.value(1)).isCloseTo(2, within(EPS));
    assertThat(e.value(2)).isCloseTo(2 - s, within(EPS));
    assertParallel(e.vector(0), 0.5, -s / 2, 0.5);
    assertParallel(e.vector(1), 1 / s, 0, -1 / s);
    assertParallel(e.vector(2), 0.5, s / 2, 0.5);
  }

  @Test
  void diagonalMatrixIsSortedDescending() {
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{1, 0, 0}, {0, 5, 0}, {0, 0, 3}});
    assertThat(new double[] {e.value(0), e.value(1), e.value(2)}).containsExactly(5, 3, 1);
    assertParallel(e.vector(0), 0, 1, 0);
  }

  @Test
  void randomMatrixSatisfiesAvEqualsLambdaV() {
    Random random = new Random(11);
    int n = 12;
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = a[j][i] = random.nextGaussian();
      }
    }
    SymmetricEigen e = SymmetricEigen.of(a);
    for (int k = 0; k < n; k++) {
      double[] v = e.vector(k);
      for (int i = 0; i < n; i++) {
        double av = 0;
        for (int j = 0; j < n; j++) {
          av += a[i][j] * v[j];
        }
        assertThat(av).isCloseTo(e.value(k) * v[i], within(1e-10));
      }
      if (k > 0) {
        assertThat(e.value(k)).isLessThanOrEqualTo(e.value(k - 1));
      }
    }
  }

  @Test
  void rejectsNonSymmetric() {
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}, {0, 1}})).hasMessageContaining("not symmetric");
  }
}
