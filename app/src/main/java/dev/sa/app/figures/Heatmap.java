package dev.sa.app.figures;

/**
 * One predicted heatmap of side h, row-major ({@code value(x, y) = values[y * h + x]}), in heatmap
 * pixels; a copy of one {@code (h, h)} channel of the backbone's {@code (B, N, h, h)} output.
 */
public final class Heatmap {
  private final float[] values;
  private final int size;

  private Heatmap(float[] values, int size) {
    this.values = values;
    this.size = size;
  }

  /** Copies {@code size * size} values starting at {@code offset} (e.g. one channel of a batch). */
  public static Heatmap of(float[] values, int offset, int size) {
    if (size < 1 || offset < 0 || offset + (long) size * size > values.length) {
      throw new IllegalArgumentException("heatmap of side " + size + " at offset " + offset
          + " does not fit in " + values.length + " values");
    }
    float[] v = new float[size * size];
    System.arraycopy(values, offset, v, 0, v.length);
    return new Heatmap(v, size);
  }

  public int size() {
    return size;
  }

  public float value(int x, int y) {
    return values[y * size + x];
  }

  /** The largest value. */
  public float max() {
    float m = -Float.MAX_VALUE;
    for (float v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** The integer position of the largest value, {@code {x, y}}. */
  public int[] argmax() {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return new int[] {best % size, best / size};
  }

  /**
   * Share of the positive mass within {@code radius} pixels (Chebyshev) of the peak: near 1 for a
   * sharp peak, lower for the 'flat hat' of a weak point (paper Fig. 2a).
   */
  public double massNearPeak(int radius) {
    int[] p = argmax();
    double near = 0;
    double all = 0;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double v = Math.max(0, value(x, y));
        all += v;
        if (Math.abs(x - p[0]) <= radius && Math.abs(y - p[1]) <= radius) {
          near += v;
        }
      }
    }
    return all == 0 ? Double.NaN : near / all;
  }
}
