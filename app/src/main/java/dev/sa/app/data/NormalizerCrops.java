package dev.sa.app.data;

import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.NormalizerData;
import dev.sa.app.method.EyeLine;
import dev.sa.app.method.Frames.CropTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The crops a rotation normaliser reads (never turned upright: it predicts how to turn them), and
 * its training data: the training faces turned by the angles the plugin asks for, with the label
 * angle of each (the eye line, {@link EyeLine}, relative to the training faces' mean direction).
 *
 * <p>Training crops come from a cached context crop per face, 1.5 times the crop's side at the
 * same pixel density (large enough for any rotation's corners), so an epoch decodes no image.
 */
public final class NormalizerCrops implements NormalizerData {
  /** The context crop's side, relative to the normaliser's crop. */
  private static final double CONTEXT = 1.5;

  private final int size;
  private final double boxScale;
  private final EyeLine eyes;
  private final double reference;
  private final BufferedImage[] context;
  private final Landmarks[] inContext;
  private final FaceBox contextBox;

  /**
   * Caches the context crops of {@code train} (decoding each image once, on all cores).
   *
   * @param size the normaliser's crop side
   * @param boxScale the crop covers {@code boxScale * max(w, h)} of a face box, as the backbone's
   */
  public NormalizerCrops(List<FaceSample> train, int size, double boxScale, EyeLine eyes) {
    this.size = size;
    this.boxScale = boxScale;
    this.eyes = eyes;
    this.reference = reference(train, eyes);
    int side = (int) Math.ceil(size * CONTEXT);
    double half = (side - 1) / 2.0;
    double boxSide = size / boxScale;
    this.contextBox = new FaceBox(half - boxSide / 2, half - boxSide / 2, half + boxSide / 2, half + boxSide / 2);
    this.context = new BufferedImage[train.size()];
    this.inContext = new Landmarks[train.size()];
    IntStream.range(0, train.size()).parallel().forEach(i -> {
      FaceSample f = train.get(i);
      CropTransform t = CropTransform.plain(f.box(), side, boxScale * CONTEXT);
      float[] px = new float[3 * side * side];
      Cropper.crop(Cropper.image(f), t, side, px, 0);
      context[i] = toImage(px, side);
      inContext[i] = t.toCrop(f.landmarksInImage(), new int[0]);
    });
  }

  /** The training faces' mean eye-line direction, degrees: the angles are taken from it. */
  public static double reference(List<FaceSample> train, EyeLine eyes) {
    double[] d = new double[train.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = eyes.degrees(train.get(i).landmarksInImage());
    }
    return EyeLine.circularMean(d);
  }

  /** The label angle of a face (its plain crop is not rotated, so image and crop angles agree). */
  public static double labelAngle(FaceSample face, EyeLine eyes, double reference) {
    return EyeLine.wrap(eyes.degrees(face.landmarksInImage()) - reference);
  }

  public double reference() {
    return reference;
  }

  @Override
  public int size() {
    return context.length;
  }

  @Override
  public Batch batch(int[] faces, double[] rotations) {
    float[] crops = new float[faces.length * 3 * size * size];
    float[] angles = new float[faces.length];
    for (int i = 0; i < faces.length; i++) {
      CropTransform t = CropTransform.of(contextBox, size, boxScale, rotations[i], 1, 0, 0, false);
      Cropper.crop(context[faces[i]], t, size, crops, i * 3 * size * size);
      Landmarks p = t.toCrop(inContext[faces[i]], new int[0]);
      angles[i] = (float) EyeLine.wrap(eyes.degrees(p) - reference);
    }
    return new Batch(crops, angles);
  }

  /** Plain (unrotated) crops of faces {@code [from, to)} at side {@code size}, {@code (B, 3, S, S)}. */
  public static float[] plain(List<FaceSample> faces, int from, int to, int size, double boxScale) {
    float[] out = new float[(to - from) * 3 * size * size];
    IntStream.range(from, to).parallel().forEach(i -> Cropper.crop(Cropper.image(faces.get(i)),
        CropTransform.plain(faces.get(i).box(), size, boxScale), size, out, (i - from) * 3 * size * size));
    return out;
  }

  /** Crop floats ({@code [-0.5, 0.5]}, channel-major) back into an RGB image, for the cache. */
  private static BufferedImage toImage(float[] px, int side) {
    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
    int plane = side * side;
    for (int v = 0; v < side; v++) {
      for (int u = 0; u < side; u++) {
        int at = v * side + u;
        img.setRGB(u, v, (byte8(px[at]) << 16) | (byte8(px[at + plane]) << 8) | byte8(px[at + 2 * plane]));
      }
    }
    return img;
  }

  private static int byte8(float value) {
    return Math.max(0, Math.min(255, Math.round((value + 0.5f) * 255)));
  }
}
