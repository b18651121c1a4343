package dev.sa.app.data;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;

/**
 * A similarity transform from image pixels to crop pixels, with optional horizontal flip. Pixel
 * centres sit at integer coordinates in every space, so the crop's centre is {@code (S-1)/2}.
 * {@code inCrop = M * inImage + t}, M = (S / side) * R(angle) (then x mirrored when flipped).
 */
public record CropTransform(double a, double b, double c, double d, double tx, double ty, boolean flipped) {

  /**
   * The crop of side {@code size} around {@code box}: the crop covers {@code boxScale * max(w, h)}
   * image pixels, scaled by {@code scale}, rotated by {@code angleDegrees} about the box centre,
   * shifted by ({@code shiftX}, {@code shiftY}) crop fractions, and mirrored if {@code flip}.
   */
  public static CropTransform of(FaceBox box, int size, double boxScale, double angleDegrees, double scale,
      double shiftX, double shiftY, boolean flip) {
    double side = boxScale * Math.max(box.width(), box.height()) * scale;
    double k = size / side;
    double th = Math.toRadians(angleDegrees);
    double cos = Math.cos(th) * k;
    double sin = Math.sin(th) * k;
    double a = cos;
    double b = -sin;
    double c = sin;
    double d = cos;
    double mid = (size - 1) / 2.0;
    double cx = box.centerX();
    double cy = box.centerY();
    double tx = mid + shiftX * size - (a * cx + b * cy);
    double ty = mid + shiftY * size - (c * cx + d * cy);
    if (flip) {
      // x' = (S - 1) - x
      a = -a;
      b = -b;
      tx = (size - 1) - tx;
    }
    return new CropTransform(a, b, c, d, tx, ty, flip);
  }

  /** The plain (un-augmented) crop of a face. */
  public static CropTransform plain(FaceBox box, int size, double boxScale) {
    return of(box, size, boxScale, 0, 1, 0, 0, false);
  }

  public double[] toCrop(double x, double y) {
    return new double[] {a * x + b * y + tx, c * x + d * y + ty};
  }

  public double[] toImage(double u, double v) {
    double det = a * d - b * c;
    double px = u - tx;
    double py = v - ty;
    return new double[] {(d * px - b * py) / det, (-c * px + a * py) / det};
  }

  /** Crop-pixel length of one image pixel. */
  public double scale() {
    return Math.sqrt(Math.abs(a * d - b * c));
  }

  /**
   * Maps landmarks into the crop. When flipped, points are also re-indexed with the scheme's flip
   * permutation so that index i still means the same semantic point.
   */
  public Landmarks toCrop(Landmarks inImage, int[] flipPermutation) {
    int n = inImage.count();
    float[] out = new float[2 * n];
    for (int i = 0; i < n; i++) {
      int src = flipped ? flipPermutation[i] : i;
      double[] p = toCrop(inImage.x(src), inImage.y(src));
      out[2 * i] = (float) p[0];
      out[2 * i + 1] = (float) p[1];
    }
    return Landmarks.of(out);
  }

  /** Inverse of {@link #toCrop(Landmarks, int[])}. */
  public Landmarks toImage(Landmarks inCrop, int[] flipPermutation) {
    int n = inCrop.count();
    float[] out = new float[2 * n];
    for (int i = 0; i < n; i++) {
      int dst = flipped ? flipPermutation[i] : i;
      double[] p = toImage(inCrop.x(i), inCrop.y(i));
      out[2 * dst] = (float) p[0];
      out[2 * dst + 1] = (float) p[1];
    }
    return Landmarks.of(out);
  }
}
