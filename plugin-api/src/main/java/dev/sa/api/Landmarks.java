package dev.sa.api;

import java.util.Arrays;

/**
 * An immutable set of N 2-D points, {@code (x, y)} per landmark, in whatever coordinate space the
 * holder's name says ({@code inImage}, {@code inCrop}, {@code inHeatmap}). Pixel centres sit at
 * integer coordinates: pixel {@code (0,0)} covers {@code [-0.5, 0.5)^2}.
 */
public final class Landmarks {
  private final float[] xy;

  private Landmarks(float[] xy) {
    this.xy = xy;
  }

  /** Copies {@code xy} laid out as {@code x0, y0, x1, y1, ...}. */
  public static Landmarks of(float[] xy) {
    if (xy.length % 2 != 0) {
      throw new IllegalArgumentException("landmark array needs an even length, got " + xy.length);
    }
    return new Landmarks(xy.clone());
  }

  /** Copies {@code xy} given as an (N, 2) matrix. */
  public static Landmarks of(double[][] points) {
    float[] xy = new float[points.length * 2];
    for (int i = 0; i < points.length; i++) {
      xy[2 * i] = (float) points[i][0];
      xy[2 * i + 1] = (float) points[i][1];
    }
    return new Landmarks(xy);
  }

  public int count() {
    return xy.length / 2;
  }

  public float x(int i) {
    return xy[2 * i];
  }

  public float y(int i) {
    return xy[2 * i + 1];
  }

  /** A copy laid out as {@code x0, y0, x1, y1, ...}. */
  public float[] toArray() {
    return xy.clone();
  }

  /** True when every coordinate is finite. */
  public boolean isFinite() {
    for (float v : xy) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Euclidean distance between point {@code i} here and point {@code i} of {@code other}. */
  public double distance(int i, Landmarks other) {
    double dx = x(i) - other.x(i);
    double dy = y(i) - other.y(i);
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** Mean position of the given points, as {@code {x, y}}. */
  public double[] mean(java.util.List<Integer> points) {
    double sx = 0;
    double sy = 0;
    for (int p : points) {
      sx += x(p);
      sy += y(p);
    }
    return new double[] {sx / points.size(), sy / points.size()};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Landmarks other && Arrays.equals(xy, other.xy);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(xy);
  }

  @Override
  public String toString() {
    return "Landmarks" + Arrays.toString(xy);
  }
}
