package dev.sa.app.sa;

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
  /**
   * @param window side of the search window in heatmap pixels at the upsampled resolution (odd)
   * @param template side of the Gaussian template at the upsampled resolution (odd)
   * @param sigma the template's standard deviation in heatmap pixels (the training targets' sigma)
   * @param lambda weight of the chi-square likelihood; 0 keeps o
   * @param upsample odd integer factor
   * @param floor the template's tail floor, keeps 1/E finite
   * @param subpixel refine the argmin by a parabola through the neighbouring costs
   */
  public record Params(int window, int template, double sigma, double lambda, int upsample, double floor,
      boolean subpixel) {
    public Params {
      if (window < 1 || window % 2 == 0) {
        throw new IllegalArgumentException("sa.window must scale to an odd size >= 1, got " + window);
      }
      if (template < 1 || template % 2 == 0) {
        throw new IllegalArgumentException("sa.template must scale to an odd size >= 1, got " + template);
      }
      if (upsample < 1 || upsample % 2 == 0) {
        throw new IllegalArgumentException("sa.upsample must be an odd integer >= 1 (1, 3, 5), got " + upsample);
      }
      if (!(floor > 0) || lambda < 0 || !(sigma > 0)) {
        throw new IllegalArgumentException("sa.templateFloor and sigma must be > 0 and sa.lambda >= 0");
      }
    }

    /**
     * Scales the paper's sizes (given at a {@code referenceSize} heatmap) to a heatmap of side
     * {@code heatmapSize} upsampled by {@code upsample}, rounding to the nearest odd size.
     */
    public static Params scaled(int windowAtReference, int templateAtReference, double referenceSize,
        int heatmapSize, int upsample, double sigma, double lambda, double floor, boolean subpixel) {
      double f = heatmapSize * upsample / referenceSize;
      return new Params(odd(windowAtReference * f), odd(templateAtReference * f), sigma, lambda, upsample, floor,
          subpixel);
    }

    private static int odd(double v) {
      int r = (int) Math.round(v);
      if (r % 2 == 0) {
        r = v >= r ? r + 1 : r - 1;
      }
      return Math.max(1, r);
    }
  }

  private final Params params;
  private final float[] template;
  private final double templateSum;

  public SemanticSearch(Params params) {
    this.params = params;
    this.template = template(params.template(), params.sigma() * params.upsample(), params.floor());
    double s = 0;
    for (float v : template) {
      s += v;
    }
    this.templateSum = s;
  }

  public Params params() {
    return params;
  }

  /**
   * The template E, t x t, peak 1 (the training targets' shape), as the outer product of a 1-D
   * Gaussian whose tail is floored at {@code sqrt(floor)}: E is strictly positive (at least
   * {@code floor}) and separable, so both correlations of the field run as two 1-D passes.
   */
  static float[] template(int t, double sigma, double floor) {
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
    return manager.create(b, new Shape(n, n));
  }

  /** The same field by a plain per-pixel loop: the reference for tests and the benchmark. */
  public float[] chiSquareLoop(float[] maps, int count, int size) {
    if (params.upsample() != 1) {
      throw new IllegalArgumentException("the reference loop works on upsample = 1");
    }
    int t = params.template();
    int c = t / 2;
    float[] out = new float[count * size * size];
    for (int m = 0; m < count; m++) {
      int base = m * size * size;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double chi = 0;
          for (int j = 0; j < t; j++) {
            for (int i = 0; i < t; i++) {
              int yy = y + j - c;
              int xx = x + i - c;
              double h = yy < 0 || xx < 0 || yy >= size || xx >= size ? 0 : maps[base + yy * size + xx];
              double e = template[j * t + i];
              chi += (e - h) * (e - h) / e;
            }
          }
          out[base + y * size + x] = (float) chi;
        }
      }
    }
    return out;
  }

  /**
   * Searches y^ for every map.
   *
   * @param field {@code (M, 1, H, H)} chi-square values, flattened, from {@link #chiSquareField}
   * @param fieldSize H
   * @param observations {@code (M, 2)} o in heatmap pixels, flattened x, y
   * @return {@code (M, 2)} y^ in heatmap pixels
   */
  public double[] search(float[] field, int fieldSize, double[] observations) {
    int m = observations.length / 2;
    double[] out = new double[2 * m];
    int u = params.upsample();
    int r = params.window() / 2;
    double shift = (u - 1) / 2.0;
    double chiScale = params.lambda() / ((double) u * u);
    int hs = fieldSize;
    for (int k = 0; k < m; k++) {
      double ox = observations[2 * k];
      double oy = observations[2 * k + 1];
      if (params.lambda() == 0) {
        out[2 * k] = ox;
        out[2 * k + 1] = oy;
        continue;
      }
      int cx = (int) Math.round(ox * u + shift);
      int cy = (int) Math.round(oy * u + shift);
      int base = k * hs * hs;
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
          double cost = cost(field, base, hs, x, y, ox, oy, u, shift, chiScale);
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
        continue;
      }
      double fx = bx;
      double fy = by;
      if (params.subpixel()) {
        if (bx > 0 && bx < hs - 1 && Math.abs(bx - cx) < r) {
          fx += parabola(cost(field, base, hs, bx - 1, by, ox, oy, u, shift, chiScale), best,
              cost(field, base, hs, bx + 1, by, ox, oy, u, shift, chiScale));
        }
        if (by > 0 && by < hs - 1 && Math.abs(by - cy) < r) {
          fy += parabola(cost(field, base, hs, bx, by - 1, ox, oy, u, shift, chiScale), best,
              cost(field, base, hs, bx, by + 1, ox, oy, u, shift, chiScale));
        }
      }
      out[2 * k] = (fx - shift) / u;
      out[2 * k + 1] = (fy - shift) / u;
    }
    return out;
  }

  private static double cost(float[] field, int base, int hs, int x, int y, double ox, double oy, int u,
      double shift, double chiScale) {
    double px = (x - shift) / u - ox;
    double py = (y - shift) / u - oy;
    return px * px + py * py + chiScale * field[base + y * hs + x];
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
