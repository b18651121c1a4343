package dev.sa.app.data;

/**
 * Encodes points as Gaussian heatmaps and decodes heatmaps back to points, in heatmap pixels
 * (the mappings to crop and image pixels are {@link dev.sa.app.method.Frames}').
 *
 * <p>Decoding takes the argmax and refines it by a parabola through the logarithms of the two
 * neighbours on each axis. On an exact Gaussian the log is a parabola, so the round trip is exact
 * up to float rounding: the codec has no systematic offset that Semantic Alignment's
 * {@code o <- y^} loop could feed back (design brief, "Drift").
 */
public final class HeatmapCodec {
  private final int heatmapSize;
  private final double sigma;

  public HeatmapCodec(int heatmapSize, double sigma) {
    if (heatmapSize <= 2 || sigma <= 0) {
      throw new IllegalArgumentException("codec needs heatmapSize > 2 and sigma > 0");
    }
    this.heatmapSize = heatmapSize;
    this.sigma = sigma;
  }

  public int heatmapSize() {
    return heatmapSize;
  }

  public double sigma() {
    return sigma;
  }

  /**
   * Writes the Gaussian of one point, peak 1, into {@code out[offset .. offset + h*h)}. A point
   * outside the map still writes its visible tail.
   */
  public void encode(double xInHeatmap, double yInHeatmap, float[] out, int offset) {
    int h = heatmapSize;
    double[] gx = new double[h];
    double[] gy = new double[h];
    double inv = 1.0 / (2 * sigma * sigma);
    for (int i = 0; i < h; i++) {
      gx[i] = Math.exp(-(i - xInHeatmap) * (i - xInHeatmap) * inv);
      gy[i] = Math.exp(-(i - yInHeatmap) * (i - yInHeatmap) * inv);
    }
    for (int r = 0; r < h; r++) {
      int row = offset + r * h;
      double wy = gy[r];
      for (int c = 0; c < h; c++) {
        out[row + c] = (float) (wy * gx[c]);
      }
    }
  }

  /** Decodes the map at {@code offset} to {@code {x, y, peak}} in heatmap pixels. */
  public double[] decode(float[] maps, int offset) {
    int h = heatmapSize;
    int best = 0;
    float max = -Float.MAX_VALUE;
    for (int i = 0; i < h * h; i++) {
      float v = maps[offset + i];
      if (v > max) {
        max = v;
        best = i;
      }
    }
    int bx = best % h;
    int by = best / h;
    double x = bx;
    double y = by;
    if (bx > 0 && bx < h - 1) {
      x += logParabola(maps[offset + best - 1], max, maps[offset + best + 1]);
    }
    if (by > 0 && by < h - 1) {
      y += logParabola(maps[offset + best - h], max, maps[offset + best + h]);
    }
    return new double[] {x, y, max};
  }

  /** Vertex offset of the parabola through the logs of three samples, clamped to half a pixel. */
  static double logParabola(float left, float centre, float right) {
    double eps = 1e-10;
    double l = Math.log(Math.max(left, eps));
    double c = Math.log(Math.max(centre, eps));
    double r = Math.log(Math.max(right, eps));
    double curvature = l - 2 * c + r;
    if (!(curvature < -1e-12) || centre <= eps) {
      return 0;
    }
    double off = 0.5 * (l - r) / curvature;
    return Math.max(-0.5, Math.min(0.5, off));
  }
}
