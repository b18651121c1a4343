package dev.sa.app.method;

import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import java.util.Map;

/**
 * The three coordinate spaces of the pipeline (image, crop, heatmap) and every mapping between
 * them: training (targets), the search (o in, y^ out), evaluation and prediction (decoded points
 * back to the image) all go through this class. Pixel centres sit at integer coordinates in every
 * space, so the crop's centre is {@code (S-1)/2} and {@code inHeatmap = (inCrop + 0.5) * h / S - 0.5}.
 * A flipped crop also re-indexes points with the scheme's flip permutation, so that index i keeps
 * meaning the same semantic point.
 *
 * <p>With a rotation normaliser ({@link #withUpright}) every face's crop is also turned by minus
 * its predicted in-plane angle, so the backbone, the targets, SA's search (windows are square in
 * the upright heatmap) and the refiners all work on upright faces; mapping back to the image goes
 * through the same transform, so predictions come back in image coordinates.
 */
public final class Frames {
  private final int inputSize;
  private final int heatmapSize;
  private final double boxScale;
  private final int[] flipPermutation;
  /** Predicted in-plane angle (degrees) by {@link #faceKey}; null without a normaliser. */
  private final Map<String, Double> angles;

  /**
   * @param inputSize S, the crop's side in pixels
   * @param heatmapSize h, the heatmap's side in pixels
   * @param boxScale the crop covers {@code boxScale * max(w, h)} image pixels of a face box
   * @param flipPermutation the landmark scheme's left/right pairs, as a permutation
   */
  public Frames(int inputSize, int heatmapSize, double boxScale, int[] flipPermutation) {
    this(inputSize, heatmapSize, boxScale, flipPermutation, null);
  }

  private Frames(int inputSize, int heatmapSize, double boxScale, int[] flipPermutation, Map<String, Double> angles) {
    if (heatmapSize <= 2 || inputSize < heatmapSize || !(boxScale > 0)) {
      throw new IllegalArgumentException("frames need 2 < heatmapSize <= inputSize and boxScale > 0");
    }
    this.inputSize = inputSize;
    this.heatmapSize = heatmapSize;
    this.boxScale = boxScale;
    this.flipPermutation = flipPermutation.clone();
    this.angles = angles == null ? null : Map.copyOf(angles);
  }

  /**
   * These frames with every face's crop rotated upright: {@code angles} holds each face's in-plane
   * angle in degrees by {@link #faceKey} (the normaliser's prediction, {@code dev.sa.api.Normalizer});
   * a face without one is an error.
   */
  public Frames withUpright(Map<String, Double> angles) {
    return new Frames(inputSize, heatmapSize, boxScale, flipPermutation, angles);
  }

  /** The key of a face's angle: its id and box (several faces of one image share an id in {@code sa predict}). */
  public static String faceKey(FaceSample face) {
    return face.id() + " @ " + face.box();
  }

  /** Whether crops are rotated upright by a normaliser's angles. */
  public boolean upright() {
    return angles != null;
  }

  /** The rotation (degrees) that turns this face upright in its crop: minus its angle, 0 without a normaliser. */
  public double uprightRotation(FaceSample face) {
    if (angles == null) {
      return 0;
    }
    Double a = angles.get(faceKey(face));
    if (a == null) {
      throw new IllegalStateException("no normaliser angle for face '" + face.id() + "'");
    }
    return -a;
  }

  public double boxScale() {
    return boxScale;
  }

  public int inputSize() {
    return inputSize;
  }

  public int heatmapSize() {
    return heatmapSize;
  }

  public int landmarks() {
    return flipPermutation.length;
  }

  public int[] flipPermutation() {
    return flipPermutation.clone();
  }

  /** The plain (un-augmented) crop of a face box, never rotated (what a normaliser reads). */
  public CropTransform plain(FaceBox box) {
    return CropTransform.plain(box, inputSize, boxScale);
  }

  /** An augmented crop of a face box, never turned upright (see {@link CropTransform#of}). */
  public CropTransform augmented(FaceBox box, double angleDegrees, double scale, double shiftX, double shiftY,
      boolean flip) {
    return CropTransform.of(box, inputSize, boxScale, angleDegrees, scale, shiftX, shiftY, flip);
  }

  /** The plain crop of a face: un-augmented, upright when a normaliser is on. */
  public CropTransform plain(FaceSample face) {
    return augmented(face, 0, 1, 0, 0, false);
  }

  /** An augmented crop of a face: upright when a normaliser is on, then augmented. */
  public CropTransform augmented(FaceSample face, double angleDegrees, double scale, double shiftX, double shiftY,
      boolean flip) {
    return augmented(face.box(), uprightRotation(face) + angleDegrees, scale, shiftX, shiftY, flip);
  }

  public double cropToHeatmap(double inCrop) {
    return (inCrop + 0.5) * heatmapSize / inputSize - 0.5;
  }

  public double heatmapToCrop(double inHeatmap) {
    return (inHeatmap + 0.5) * inputSize / heatmapSize - 0.5;
  }

  /** Image-pixel landmarks into the crop {@code t} (re-indexed when flipped). */
  public Landmarks toCrop(CropTransform t, Landmarks inImage) {
    return t.toCrop(inImage, flipPermutation);
  }

  /** Crop-pixel landmarks of the crop {@code t} back to image pixels. */
  public Landmarks cropToImage(CropTransform t, Landmarks inCrop) {
    return t.toImage(inCrop, flipPermutation);
  }

  /**
   * Image-pixel landmarks into heatmap pixels of the crop {@code t}, as {@code (N, 2)} flattened x, y
   * written into {@code out} from {@code offset}. The crop points are rounded to float on the way,
   * as the training targets are.
   */
  public void toHeatmap(CropTransform t, Landmarks inImage, double[] out, int offset) {
    Landmarks c = toCrop(t, inImage);
    for (int k = 0; k < c.count(); k++) {
      out[offset + 2 * k] = cropToHeatmap(c.x(k));
      out[offset + 2 * k + 1] = cropToHeatmap(c.y(k));
    }
  }

  /** As {@link #toHeatmap(CropTransform, Landmarks, double[], int)}, into floats. */
  public void toHeatmap(CropTransform t, Landmarks inImage, float[] out, int offset) {
    double[] h = new double[2 * inImage.count()];
    toHeatmap(t, inImage, h, 0);
    for (int i = 0; i < h.length; i++) {
      out[offset + i] = (float) h[i];
    }
  }

  /** {@code n} points in heatmap pixels of the crop {@code t} ({@code (n, 2)} at {@code offset}) to image pixels. */
  public Landmarks heatmapToImage(CropTransform t, double[] inHeatmap, int offset, int n) {
    float[] crop = new float[2 * n];
    for (int k = 0; k < 2 * n; k++) {
      crop[k] = (float) heatmapToCrop(inHeatmap[offset + k]);
    }
    return cropToImage(t, Landmarks.of(crop));
  }

  /** As {@link #heatmapToImage(CropTransform, double[], int, int)}, from floats. */
  public Landmarks heatmapToImage(CropTransform t, float[] inHeatmap, int offset, int n) {
    double[] h = new double[2 * n];
    for (int k = 0; k < 2 * n; k++) {
      h[k] = inHeatmap[offset + k];
    }
    return heatmapToImage(t, h, 0, n);
  }

  /**
   * {@code n} points as fractions of the crop side ({@code (n, 2)} at {@code offset}, a regression
   * backbone's output) to image pixels.
   */
  public Landmarks fractionToImage(CropTransform t, float[] inCropFraction, int offset, int n) {
    float[] crop = new float[2 * n];
    for (int k = 0; k < 2 * n; k++) {
      crop[k] = inCropFraction[offset + k] * inputSize;
    }
    return cropToImage(t, Landmarks.of(crop));
  }

  /**
   * A similarity transform from image pixels to crop pixels, with optional horizontal flip.
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

    /** The plain (un-augmented) crop of side {@code size} of a face. */
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
}
