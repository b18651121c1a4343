package dev.sa.app.method;

import dev.sa.api.EngineArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Step 1 of Semantic Alignment (paper Section 4.4, Eq. 8): for every landmark, search the latent
 * "real" ground truth y^ in a window around the current observation o, minimising
 * {@code cost(y) = |o - y|^2 + lambda * chi2(y)}.
 *
 * <p>Weighting. Eq. 8 divides the prior by 2 sigma1^2 and the likelihood by 2 sigma2^2, which
 * read literally makes {@code sigma2^2/sigma1^2} weight the prior. Table 5, however, calls the
 * ratio 0 "human annotations only" and finds 0.1 best, "relying 10 times more on the prior". We
 * implement the reading Table 5 needs: {@code lambda} multiplies the chi-square likelihood, so
 * {@code lambda = 0} keeps o exactly and small lambda trusts the prior.
 *
 * <p>Vectorised (design brief): with E the Gaussian template of side t (strictly positive: its tail
 * is floored), {@code chi2(y) = sum_i (E_i - H_i(y))^2 / E_i = sum(E) - 2 (box_t * H)(y) +
 * ((1/E) * H^2)(y)}, where * is correlation. Both correlations run on the engine over the whole
 * batch at once: the (B, N, h, h) heatmaps are viewed as (B*N, 1, h, h), which is a depthwise
 * correlation with one shared kernel. Outside the heatmap H reads as 0.
 *
 * <p>Units. Costs are in heatmap pixels: when the paper's 256 px heatmap shrinks to h, both the
 * squared prior distance and chi2 (a sum over a template covering the same face area) shrink by
 * (h/256)^2, so lambda keeps its meaning. With {@code upsample = u} the heatmaps are upsampled
 * (nearest, then a u x u box, i.e. linear interpolation for odd u) and chi2 is divided by u^2.
 */
public final class SemanticSearch {
  private final SearchParams params;
  private final double templateSum;

  public SemanticSearch(SearchParams params) {
    this.params = params;
    float[] template = template(params.template(), params.sigma() * params.upsample(), params.floor());
    double s = 0;
    for (float v : template) {
      s += v;
    }
    this.templateSum = s;
  }

  public SearchParams params() {
    return params;
  }

  /**
   * The template E, t x t, peak 1 (the training targets' shape), as the outer product of a 1-D
   * Gaussian whose tail is floored at {@code sqrt(floor)}: E is strictly positive (at least
   * {@code floor}) and separable, so both correlations of the field run as two 1-D passes.
   */
  public static float[] template(int t, double sigma, double floor) {
    float[] e1 = profile(t, sigma, floor);
    float[] e = new float[t * t];
    for (int y = 0; y < t; y++) {
      for (int x = 0; x < t; x++) {
        e[y * t + x] = e1[y] * e1[x];
      }
    }
    return e;
  }

  /** The 1-D factor of {@link #template}. */
  static float[] profile(int t, double sigma, double floor) {
    float[] e1 = new float[t];
    int c = t / 2;
    for (int i = 0; i < t; i++) {
      e1[i] = (float) Math.max(Math.sqrt(floor), Math.exp(-(i - c) * (i - c) / (2 * sigma * sigma)));
    }
    return e1;
  }

  /**
   * The chi-square field on the engine: heatmaps {@code (B, N, h, h)} in, {@code (B*N, 1, H, H)}
   * out with {@code H = h * upsample}, attached to {@code manager}. Every kernel is separable, so
   * each correlation is a row pass then a column pass.
   */
  public NDArray chiSquareField(NDManager manager, NDArray heatmaps) {
    Shape s = heatmaps.getShape();
    long m = s.get(0) * s.get(1);
    int u = params.upsample();
    NDArray x = heatmaps.reshape(m, 1, s.get(2), s.get(3));
    if (u > 1) {
      float[] box = new float[u];
      java.util.Arrays.fill(box, 1f / u);
      x = separable(manager, x.repeat(2, u).repeat(3, u), box);
    }
    int t = params.template();
    float[] e1 = profile(t, params.sigma() * params.upsample(), params.floor());
    float[] ones = new float[t];
    float[] inv = new float[t];
    for (int i = 0; i < t; i++) {
      ones[i] = 1f;
      inv[i] = 1f / e1[i];
    }
    NDArray boxH = separable(manager, x, ones);
    NDArray invH2 = separable(manager, x.square(), inv);
    NDArray field = invH2.sub(boxH.mul(2)).add((float) templateSum);
    field.attach(manager);
    return field;
  }

  /**
   * Correlates (M, 1, H, W) with the outer product k x k, zero padded to keep the size. Each 1-D
   * pass is one matrix product with a banded (Toeplitz) matrix over the whole batch: on a CPU a
   * single-channel convolution barely beats a plain loop, while the product runs as one GEMM.
   */
  private static NDArray separable(NDManager manager, NDArray x, float[] k) {
    Shape s = x.getShape();
    long m = s.get(0) * s.get(1);
    int h = (int) s.get(2);
    int w = (int) s.get(3);
    // (M*H, W) x (W, W), then the same along H on the transposed maps: two plain 2-D GEMMs.
    NDArray rows = x.reshape(m * h, w).matMul(band(manager, k, w)).reshape(m, h, w).transpose(0, 2, 1);
    NDArray cols = rows.reshape(m * w, h).matMul(band(manager, k, h)).reshape(m, w, h).transpose(0, 2, 1);
    return cols.reshape(s);
  }

  /** {@code B[j][i] = k[j - i + c]}: {@code (X B)[., i] = sum_j X[., j] k[j - i + c]}. */
  private static NDArray band(NDManager manager, float[] k, int n) {
    int c = k.length / 2;
    float[] b = new float[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = Math.max(0, j - c); i <= Math.min(n - 1, j + c); i++) {
        b[j * n + i] = k[j - i + c];
      }
    }
    return EngineArrays.create(manager, b, new Shape(n, n));
  }

  /**
   * Searches y^ for every map, reading chi2 from a whole field.
   *
   * @param field {@code (M, 1, H, H)} chi-square values, flattened, from {@link #chiSquareField}
   * @param fieldSize H
   * @param observations {@code (M, 2)} o in heatmap pixels, flattened x, y
   * @return {@code (M, 2)} y^ in heatmap pixels
   */
  public double[] search(float[] field, int fieldSize, double[] observations) {
    return search(field, fieldSize, observations, null);
  }

  /**
   * {@link #search(float[], int, double[])}, also writing each map's chi-square at its y^ into
   * {@code fit} ({@code (M)}, or null): how well the heatmap around y^ matches the template, 0 for
   * a perfect match; NaN where y^ is o without a search (lambda 0).
   */
  public double[] search(float[] field, int fieldSize, double[] observations, double[] fit) {
    int m = observations.length / 2;
    double[] out = new double[2 * m];
    int w = params.window();
    int r = w / 2;
    for (int k = 0; k < m; k++) {
      int cx = centre(observations[2 * k]);
      int cy = centre(observations[2 * k + 1]);
      double[] chi = new double[w * w];
      int base = k * fieldSize * fieldSize;
      for (int y = 0; y < w; y++) {
        for (int x = 0; x < w; x++) {
          int fy = cy - r + y;
          int fx = cx - r + x;
          if (fy >= 0 && fy < fieldSize && fx >= 0 && fx < fieldSize) {
            chi[y * w + x] = field[base + fy * fieldSize + fx];
          }
        }
      }
      pick(chi, cx, cy, fieldSize, observations, k, out, fit);
    }
    return out;
  }

  /**
   * Searches y^ for every map straight from the heatmaps, computing the chi-square only inside
   * each (2r+1)^2 window (the upsampled patch under the window and its template, then the two
   * separable correlations there), in parallel over the maps. Equal to {@link #chiSquareField}
   * followed by {@link #search(float[], int, double[])} (in double precision), at a small fraction
   * of the work: the field covers H^2 positions per map, the window (2r+1)^2.
   *
   * @param maps {@code (M, h, h)} heatmaps, flattened
   * @param size h, before upsampling
   * @param observations {@code (M, 2)} o in heatmap pixels, flattened x, y
   * @return {@code (M, 2)} y^ in heatmap pixels
   */
  public double[] searchWindows(float[] maps, int size, double[] observations) {
    return searchWindows(maps, size, observations, null);
  }

  /**
   * {@link #searchWindows(float[], int, double[])}, with each map's chi-square at y^ in {@code fit}
   * (see {@link #search(float[], int, double[], double[])}).
   */
  public double[] searchWindows(float[] maps, int size, double[] observations, double[] fit) {
    int m = observations.length / 2;
    if (maps.length != m * size * size) {
      throw new IllegalArgumentException(maps.length + " heatmap values for " + m + " maps of " + size + " x " + size);
    }
    double[] out = new double[2 * m];
    int t = params.template();
    float[] e1 = profile(t, params.sigma() * params.upsample(), params.floor());
    double[] inv = new double[t];
    for (int i = 0; i < t; i++) {
      inv[i] = 1.0 / e1[i];
    }
    java.util.stream.IntStream.range(0, m).parallel().forEach(k -> {
      int cx = centre(observations[2 * k]);
      int cy = centre(observations[2 * k + 1]);
      double[] chi = windowChi(maps, k, size, cx, cy, inv);
      pick(chi, cx, cy, size * params.upsample(), observations, k, out, fit);
    });
    return out;
  }

  /**
   * chi2 at the (2r+1)^2 positions of map {@code k}'s window centred on ({@code cx}, {@code cy}):
   * the upsampled heatmap on the patch under the window and its template (0 outside), a row pass
   * over every patch row, then the column pass at the window positions.
   *
   * @param inv {@code 1 / E} of the template's 1-D profile
   */
  private double[] windowChi(float[] maps, int k, int size, int cx, int cy, double[] inv) {
    int u = params.upsample();
    int w = params.window();
    int t = params.template();
    int p = w + t - 1;
    int x0 = cx - w / 2 - t / 2;
    int y0 = cy - w / 2 - t / 2;
    double[] patch = new double[p * p];
    for (int y = 0; y < p; y++) {
      for (int x = 0; x < p; x++) {
        patch[y * p + x] = upsampled(maps, k * size * size, size, u, y0 + y, x0 + x);
      }
    }
    double[] box = new double[p * w];
    double[] sq = new double[p * w];
    for (int y = 0; y < p; y++) {
      for (int x = 0; x < w; x++) {
        double b = 0;
        double q = 0;
        for (int i = 0; i < t; i++) {
          double v = patch[y * p + x + i];
          b += v;
          q += inv[i] * v * v;
        }
        box[y * w + x] = b;
        sq[y * w + x] = q;
      }
    }
    double[] chi = new double[w * w];
    for (int y = 0; y < w; y++) {
      for (int x = 0; x < w; x++) {
        double b = 0;
        double q = 0;
        for (int j = 0; j < t; j++) {
          b += box[(y + j) * w + x];
          q += inv[j] * sq[(y + j) * w + x];
        }
        chi[y * w + x] = templateSum - 2 * b + q;
      }
    }
    return chi;
  }

  /**
   * Eq. 8's argmin for every map, given the chi-square at its window's positions.
   *
   * @param chiInWindows {@code (M, w, w)} chi-square values of each map's window, centred on
   *     {@link #centre} of its observation, at the upsampled resolution
   * @param size h, before upsampling
   * @param observations {@code (M, 2)} o in heatmap pixels, flattened x, y
   * @return {@code (M, 2)} y^ in heatmap pixels
   */
  public double[] argmin(double[] chiInWindows, int size, double[] observations) {
    int m = observations.length / 2;
    int w = params.window();
    double[] out = new double[2 * m];
    for (int k = 0; k < m; k++) {
      double[] chi = java.util.Arrays.copyOfRange(chiInWindows, k * w * w, (k + 1) * w * w);
      pick(chi, centre(observations[2 * k]), centre(observations[2 * k + 1]), size * params.upsample(), observations,
          k, out, null);
    }
    return out;
  }

  /**
   * The heatmap at pixel (y, x) of its u-times upsampled version, as {@link #chiSquareField}
   * builds it: nearest repeat, then a centred u x u box, zero outside.
   */
  private static double upsampled(float[] maps, int base, int size, int u, int y, int x) {
    int full = size * u;
    if (y < 0 || x < 0 || y >= full || x >= full) {
      return 0;
    }
    if (u == 1) {
      return maps[base + y * size + x];
    }
    int c = u / 2;
    double s = 0;
    for (int yy = Math.max(0, y - c); yy <= Math.min(full - 1, y + c); yy++) {
      int row = base + (yy / u) * size;
      for (int xx = Math.max(0, x - c); xx <= Math.min(full - 1, x + c); xx++) {
        s += maps[row + xx / u];
      }
    }
    return s / (u * u);
  }

  /** o in heatmap pixels to the nearest pixel of the upsampled grid: the centre of o's search window. */
  public int centre(double o) {
    int u = params.upsample();
    return (int) Math.round(o * u + (u - 1) / 2.0);
  }

  /**
   * The argmin of the cost over one window, refined by a parabola, into {@code out[2k..2k+1]}.
   *
   * @param chi the chi-square at the window's (2r+1)^2 positions, row-major, centred on (cx, cy)
   * @param fit null, or receives in {@code fit[k]} the chi-square at the chosen grid position
   */
  private void pick(double[] chi, int cx, int cy, int fieldSize, double[] observations, int k, double[] out,
      double[] fit) {
    double ox = observations[2 * k];
    double oy = observations[2 * k + 1];
    if (fit != null) {
      fit[k] = Double.NaN;
    }
    if (params.lambda() == 0) {
      out[2 * k] = ox;
      out[2 * k + 1] = oy;
      return;
    }
    int u = params.upsample();
    int w = params.window();
    int r = w / 2;
    double shift = (u - 1) / 2.0;
    double chiScale = params.lambda() / ((double) u * u);
    int hs = fieldSize;
    double best = Double.MAX_VALUE;
    int bx = -1;
    int by = -1;
    for (int y = cy - r; y <= cy + r; y++) {
      if (y < 0 || y >= hs) {
        continue;
      }
      for (int x = cx - r; x <= cx + r; x++) {
        if (x < 0 || x >= hs) {
          continue;
        }
        double cost = cost(chi, w, x - cx + r, y - cy + r, x, y, ox, oy, u, shift, chiScale);
        if (cost < best) {
          best = cost;
          bx = x;
          by = y;
        }
      }
    }
    if (bx < 0) {
      out[2 * k] = ox;
      out[2 * k + 1] = oy;
      return;
    }
    double fx = bx;
    double fy = by;
    int wx = bx - cx + r;
    int wy = by - cy + r;
    if (fit != null) {
      fit[k] = chi[wy * w + wx];
    }
    if (params.subpixel()) {
      if (bx > 0 && bx < hs - 1 && Math.abs(bx - cx) < r) {
        fx += parabola(cost(chi, w, wx - 1, wy, bx - 1, by, ox, oy, u, shift, chiScale), best,
            cost(chi, w, wx + 1, wy, bx + 1, by, ox, oy, u, shift, chiScale));
      }
      if (by > 0 && by < hs - 1 && Math.abs(by - cy) < r) {
        fy += parabola(cost(chi, w, wx, wy - 1, bx, by - 1, ox, oy, u, shift, chiScale), best,
            cost(chi, w, wx, wy + 1, bx, by + 1, ox, oy, u, shift, chiScale));
      }
    }
    out[2 * k] = (fx - shift) / u;
    out[2 * k + 1] = (fy - shift) / u;
  }

  private static double cost(double[] chi, int w, int wx, int wy, int x, int y, double ox, double oy, int u,
      double shift, double chiScale) {
    double px = (x - shift) / u - ox;
    double py = (y - shift) / u - oy;
    return px * px + py * py + chiScale * chi[wy * w + wx];
  }

  /** Vertex of the parabola through three equally spaced costs, clamped to half a step. */
  static double parabola(double left, double centre, double right) {
    double curvature = left - 2 * centre + right;
    if (!(curvature > 1e-12)) {
      return 0;
    }
    return Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / curvature));
  }
}
