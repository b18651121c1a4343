package dev.sa.app.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.app.data.HeatmapCodec;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SemanticSearchTest {
  private static final int H = 24;

  @Test
  void lambdaZeroKeepsTheObservation() {
    SemanticSearch s = new SemanticSearch(new SearchParams(9, 7, 1.0, 0.0, 1, 0.01, true));
    float[] field = new float[H * H];
    java.util.Arrays.fill(field, 5f);
    field[3 * H + 3] = 0;
    double[] y = s.search(field, H, new double[] {10.3, 11.7});
    assertThat(y).containsExactly(10.3, 11.7);
  }

  @Test
  void searchPrefersACleanGaussianPeakToAFlatHat() {
    double sigma = 1.0;
    HeatmapCodec codec = new HeatmapCodec(H, sigma);
    float[] maps = new float[H * H];
    codec.encode(14, 12, maps, 0);
    // a flat plateau of the same height at (7, 12), closer to o
    for (int y = 10; y <= 14; y++) {
      for (int x = 5; x <= 9; x++) {
        maps[y * H + x] = 1f;
      }
    }
    SemanticSearch s = new SemanticSearch(new SearchParams(17, 7, sigma, 10.0, 1, 0.01, false));
    try (NDManager m = NDManager.newBaseManager()) {
      float[] field = s.chiSquareField(m, m.create(maps, new Shape(1, 1, H, H))).toFloatArray();
      // the hat's centre (7, 12) is closer to o, yet the Gaussian's centre costs less
      assertThat(field[12 * H + 14]).isLessThan(field[12 * H + 7]);
      double[] y = s.search(field, H, new double[] {9.5, 12});
      assertThat(y[0]).isCloseTo(14, within(1e-9));
      assertThat(y[1]).isCloseTo(12, within(1e-9));
    }
  }

  @Test
  void strongPriorStaysNearTheObservation() {
    HeatmapCodec codec = new HeatmapCodec(H, 1.0);
    float[] maps = new float[H * H];
    codec.encode(15, 12, maps, 0);
    SemanticSearch s = new SemanticSearch(new SearchParams(17, 7, 1.0, 1e-4, 1, 0.01, false));
    try (NDManager m = NDManager.newBaseManager()) {
      float[] field = s.chiSquareField(m, m.create(maps, new Shape(1, 1, H, H))).toFloatArray();
      double[] y = s.search(field, H, new double[] {10, 12});
      assertThat(y[0]).isCloseTo(10, within(1e-9));
    }
  }

  @Test
  void upsampledSearchFindsASubPixelPeakAndScalesSizesToTheHeatmap() {
    SearchParams p = SearchParams.scaled(17, 19, 256, 32, 3, 1.0, 1.0, 0.01, true);
    assertThat(p.window()).isEqualTo(7);
    assertThat(p.template()).isEqualTo(7);
    HeatmapCodec codec = new HeatmapCodec(32, 1.0);
    float[] maps = new float[32 * 32];
    codec.encode(15.33, 12.67, maps, 0);
    SemanticSearch s = new SemanticSearch(p);
    try (NDManager m = NDManager.newBaseManager()) {
      float[] field = s.chiSquareField(m, m.create(maps, new Shape(1, 1, 32, 32))).toFloatArray();
      double[] y = s.search(field, 96, new double[] {15, 13});
      assertThat(y[0]).isCloseTo(15.33, within(0.2));
      assertThat(y[1]).isCloseTo(12.67, within(0.2));
    }
  }

  @Test
  void windowOnlySearchEqualsTheWholeFieldSearch() {
    Random r = new Random(11);
    int b = 3;
    int n = 4;
    int h = 16;
    float[] maps = new float[b * n * h * h];
    for (int i = 0; i < maps.length; i++) {
      maps[i] = r.nextFloat() * r.nextFloat();
    }
    for (int[] sizes : new int[][] {{5, 7, 1}, {3, 3, 3}, {9, 11, 3}, {1, 5, 1}, {7, 13, 5}}) {
      SemanticSearch s = new SemanticSearch(new SearchParams(sizes[0], sizes[1], 1.0, 0.3, sizes[2], 0.01,
          true));
      double[] obs = new double[b * n * 2];
      for (int i = 0; i < obs.length; i++) {
        // some observations sit at or past the border, where the window is clipped
        obs[i] = i % 7 == 0 ? (i % 2 == 0 ? -0.4 : h - 0.6) : r.nextDouble() * (h - 1);
      }
      try (NDManager m = NDManager.newBaseManager()) {
        float[] field = s.chiSquareField(m, m.create(maps, new Shape(b, n, h, h))).toFloatArray();
        double[] fitField = new double[b * n];
        double[] fitWindows = new double[b * n];
        double[] viaField = s.search(field, h * sizes[2], obs, fitField);
        double[] viaWindows = s.searchWindows(maps, h, obs, fitWindows);
        for (int i = 0; i < obs.length; i++) {
          assertThat(viaWindows[i]).as("sizes %s, value %d", java.util.Arrays.toString(sizes), i)
              .isCloseTo(viaField[i], within(1e-3));
        }
        assertThat(s.search(field, h * sizes[2], obs)).containsExactly(viaField);
        for (int k = 0; k < b * n; k++) {
          // the chi-square at y^: the same through both paths (the field in float), never negative
          assertThat(fitWindows[k]).as("sizes %s, map %d", java.util.Arrays.toString(sizes), k)
              .isCloseTo(fitField[k], within(1e-4 * Math.max(1, fitField[k]))).isNotNegative();
        }
      }
    }
  }

  @Test
  void windowOnlySearchPrefersACleanGaussianPeakAndKeepsOAtLambdaZero() {
    HeatmapCodec codec = new HeatmapCodec(H, 1.0);
    float[] maps = new float[H * H];
    codec.encode(14, 12, maps, 0);
    for (int y = 10; y <= 14; y++) {
      for (int x = 5; x <= 9; x++) {
        maps[y * H + x] = 1f;
      }
    }
    SemanticSearch s = new SemanticSearch(new SearchParams(17, 7, 1.0, 10.0, 1, 0.01, false));
    double[] fit = {-1};
    double[] y = s.searchWindows(maps, H, new double[] {9.5, 12}, fit);
    assertThat(y[0]).isCloseTo(14, within(1e-9));
    assertThat(y[1]).isCloseTo(12, within(1e-9));
    // y^ on the clean peak: the chi-square there is far below the flat hat's centre
    double[] hat = {-1};
    new SemanticSearch(new SearchParams(3, 7, 1.0, 10.0, 1, 0.01, false)).searchWindows(maps, H, new double[] {7, 12},
        hat);
    assertThat(fit[0]).isNotNegative().isLessThan(hat[0] / 10);
    SemanticSearch zero = new SemanticSearch(new SearchParams(17, 7, 1.0, 0.0, 3, 0.01, true));
    double[] none = {-1};
    assertThat(zero.searchWindows(maps, H, new double[] {9.3, 12.1}, none)).containsExactly(9.3, 12.1);
    assertThat(none[0]).isNaN();
  }

  @Test
  void parabolaVertex() {
    assertThat(SemanticSearch.parabola(1, 0, 1)).isEqualTo(0);
    assertThat(SemanticSearch.parabola(2, 0, 1)).isCloseTo(1.0 / 6, within(1e-12));
  }
}
