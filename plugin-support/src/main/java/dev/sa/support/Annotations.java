package dev.sa.support;

import dev.sa.api.FaceBox;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;

/**
 * Checks that an annotation has a size: a face whose points all coincide, or whose normalising
 * distance (inter-pupil, inter-ocular, box size) is zero, cannot be normalised into an NME and
 * would give infinite label moves. A data set reports such a face as a data problem so that it
 * never reaches training or evaluation.
 */
public final class Annotations {
  /** Below this many pixels a normalising distance or the points' extent counts as zero size. */
  public static final double MIN_SIZE_PX = 1.0;

  private Annotations() {}

  /**
   * Throws when {@code inImage} spans less than {@link #MIN_SIZE_PX} or one of the scheme's
   * normalisers gives a distance below it.
   *
   * @param file the annotation file and {@code line} the line (0 for none), for the problem
   */
  public static void requireSize(LandmarkScheme scheme, Landmarks inImage, FaceBox box, String file, int line)
      throws MalformedFileException {
    double extent = extent(inImage);
    if (!(extent >= MIN_SIZE_PX)) {
      throw new MalformedFileException(file, line, "zero-size annotation: the " + inImage.count()
          + " points span " + fmt(extent) + " px (all at (" + inImage.x(0) + ", " + inImage.y(0)
          + ")?); a face needs points at least " + fmt(MIN_SIZE_PX) + " px apart");
    }
    for (Normalization n : scheme.normalizations()) {
      double d = n.distance(inImage, box);
      if (!(d >= MIN_SIZE_PX)) {
        throw new MalformedFileException(file, line, "zero-size annotation: the " + n.name() + " distance is "
            + fmt(d) + " px, so NME cannot be normalised; it must be at least " + fmt(MIN_SIZE_PX) + " px");
      }
    }
  }

  /** The larger side of the points' bounding box, in pixels. */
  static double extent(Landmarks points) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < points.count(); p++) {
      minX = Math.min(minX, points.x(p));
      maxX = Math.max(maxX, points.x(p));
      minY = Math.min(minY, points.y(p));
      maxY = Math.max(maxY, points.y(p));
    }
    return Math.max(maxX - minX, maxY - minY);
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.3g", v);
  }
}
