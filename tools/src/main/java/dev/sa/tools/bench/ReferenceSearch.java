package dev.sa.tools.bench;

import dev.sa.app.method.SemanticSearch;

/**
 * The latent search written plainly, one map and one pixel at a time: the reference that the
 * tests hold {@link SemanticSearch}'s vectorised paths to, and the benchmark's baseline. Nothing
 * in a run uses it.
 */
public final class ReferenceSearch {
  private final SemanticSearch search;
  private final float[] template;

  public ReferenceSearch(SemanticSearch search) {
    this.search = search;
    var p = search.params();
    this.template = SemanticSearch.template(p.template(), p.sigma() * p.upsample(), p.floor());
  }

  /**
   * The chi-square field by a per-pixel loop.
   *
   * @param maps {@code count} maps of {@code size x size}, already at the search's resolution
   *     (upsampled when {@code upsample > 1})
   */
  public float[] chiSquareLoop(float[] maps, int count, int size) {
    int t = search.params().template();
    int c = t / 2;
    float[] out = new float[count * size * size];
    for (int m = 0; m < count; m++) {
      int base = m * size * size;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          out[base + y * size + x] = (float) chiAt(maps, base, size, x - c, y - c);
        }
      }
    }
    return out;
  }

  /** chi2 of the template whose top-left corner sits at ({@code x0}, {@code y0}); 0 outside the map. */
  private double chiAt(float[] maps, int base, int size, int x0, int y0) {
    int t = search.params().template();
    double chi = 0;
    for (int j = 0; j < t; j++) {
      for (int i = 0; i < t; i++) {
        int yy = y0 + j;
        int xx = x0 + i;
        double h = yy < 0 || xx < 0 || yy >= size || xx >= size ? 0 : maps[base + yy * size + xx];
        double e = template[j * t + i];
        chi += (e - h) * (e - h) / e;
      }
    }
    return chi;
  }

  /**
   * The search written plainly: upsample the whole map, sum the chi-square over the template at
   * every window position, then the search's own argmin ({@link SemanticSearch#argmin}).
   */
  public double[] searchPlain(float[] maps, int size, double[] observations) {
    int m = observations.length / 2;
    int u = search.params().upsample();
    int full = size * u;
    int w = search.params().window();
    int r = w / 2;
    int tc = search.params().template() / 2;
    float[] up = upsample(maps, m, size);
    double[] chi = new double[m * w * w];
    for (int k = 0; k < m; k++) {
      int cx = search.centre(observations[2 * k]);
      int cy = search.centre(observations[2 * k + 1]);
      for (int wy = 0; wy < w; wy++) {
        for (int wx = 0; wx < w; wx++) {
          chi[(k * w + wy) * w + wx] = chiAt(up, k * full * full, full, cx - r + wx - tc, cy - r + wy - tc);
        }
      }
    }
    return search.argmin(chi, size, observations);
  }

  /**
   * Upsamples {@code count} maps of {@code size x size} as {@link SemanticSearch#chiSquareField}
   * does: nearest repeat to {@code size * u}, then a centred {@code u x u} box average, zero outside.
   */
  public float[] upsample(float[] maps, int count, int size) {
    int u = search.params().upsample();
    int full = size * u;
    int c = u / 2;
    float[] out = new float[count * full * full];
    for (int k = 0; k < count; k++) {
      int base = k * size * size;
      for (int y = 0; y < full; y++) {
        for (int x = 0; x < full; x++) {
          double s = 0;
          for (int yy = Math.max(0, y - c); yy <= Math.min(full - 1, y + c); yy++) {
            for (int xx = Math.max(0, x - c); xx <= Math.min(full - 1, x + c); xx++) {
              s += maps[base + (yy / u) * size + xx / u];
            }
          }
          out[k * full * full + y * full + x] = (float) (s / (u * u));
        }
      }
    }
    return out;
  }
}
