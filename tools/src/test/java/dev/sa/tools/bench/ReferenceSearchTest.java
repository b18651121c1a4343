package dev.sa.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.app.method.SearchParams;
import dev.sa.app.method.SemanticSearch;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The search's vectorised paths against the plain per-pixel loops of {@link ReferenceSearch}. */
class ReferenceSearchTest {
  private static final int H = 24;

  @Test
  void vectorisedChiSquareFieldEqualsThePlainLoop() {
    SemanticSearch s = new SemanticSearch(new SearchParams(5, 7, 1.5, 0.1, 1, 0.01, false));
    Random r = new Random(3);
    int b = 2;
    int n = 3;
    float[] maps = new float[b * n * H * H];
    for (int i = 0; i < maps.length; i++) {
      maps[i] = r.nextFloat();
    }
    float[] loop = new ReferenceSearch(s).chiSquareLoop(maps, b * n, H);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray field = s.chiSquareField(m, m.create(maps, new Shape(b, n, H, H)));
      assertThat(field.getShape()).isEqualTo(new Shape(b * n, 1, H, H));
      float[] v = field.toFloatArray();
      for (int i = 0; i < v.length; i++) {
        assertThat((double) v[i]).isCloseTo(loop[i], within(1e-5 * Math.max(1, Math.abs(loop[i]))));
      }
    }
  }

  @Test
  void upsampledFieldEqualsThePlainLoopOnTheUpsampledMaps() {
    SemanticSearch s = new SemanticSearch(new SearchParams(5, 9, 1.0, 0.1, 3, 0.01, false));
    Random r = new Random(5);
    int h = 8;
    float[] maps = new float[2 * h * h];
    for (int i = 0; i < maps.length; i++) {
      maps[i] = r.nextFloat();
    }
    ReferenceSearch ref = new ReferenceSearch(s);
    float[] loop = ref.chiSquareLoop(ref.upsample(maps, 2, h), 2, 3 * h);
    try (NDManager m = NDManager.newBaseManager()) {
      float[] v = s.chiSquareField(m, m.create(maps, new Shape(1, 2, h, h))).toFloatArray();
      for (int i = 0; i < v.length; i++) {
        assertThat((double) v[i]).isCloseTo(loop[i], within(1e-4 * Math.max(1, Math.abs(loop[i]))));
      }
    }
  }

  @Test
  void windowSearchEqualsThePlainLoop() {
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
      double[] viaWindows = s.searchWindows(maps, h, obs);
      double[] plain = new ReferenceSearch(s).searchPlain(maps, h, obs);
      for (int i = 0; i < obs.length; i++) {
        assertThat(viaWindows[i]).as("sizes %s, value %d", java.util.Arrays.toString(sizes), i)
            .isCloseTo(plain[i], within(1e-5));
      }
    }
  }
}
