package dev.sa.app.method;

import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import java.util.List;
import java.util.Optional;

/**
 * The in-plane angle of a face from its labels (paper Table 2, "Norm"): the direction from the
 * mean of one eye's points to the mean of the other's, the two point groups of the scheme's first
 * eye normaliser ({@link Normalization.PointGroups}: inter-pupil on 300W, inter-ocular on 300-VW).
 * Angles are degrees in the pixel axes (x right, y down), relative to a reference direction (the
 * training faces' circular mean), wrapped to {@code (-180, 180]}.
 *
 * @param first the first eye's points
 * @param second the second eye's points
 */
public record EyeLine(List<Integer> first, List<Integer> second) {
  public EyeLine {
    first = List.copyOf(first);
    second = List.copyOf(second);
  }

  /** The eye line of a scheme, or empty when it declares no point-group normaliser. */
  public static Optional<EyeLine> of(LandmarkScheme scheme) {
    for (Normalization n : scheme.normalizations()) {
      if (n instanceof Normalization.PointGroups g) {
        return Optional.of(new EyeLine(g.first(), g.second()));
      }
    }
    return Optional.empty();
  }

  /** Absolute direction of the eye line of {@code points}, degrees. */
  public double degrees(Landmarks points) {
    double[] a = points.mean(first);
    double[] b = points.mean(second);
    return Math.toDegrees(Math.atan2(b[1] - a[1], b[0] - a[0]));
  }

  /** {@code degrees} wrapped to {@code (-180, 180]}. */
  public static double wrap(double degrees) {
    double w = Math.IEEEremainder(degrees, 360);
    return w == -180 ? 180 : w;
  }

  /** Circular mean of absolute directions in degrees (the reference the angles are taken from). */
  public static double circularMean(double[] degrees) {
    double s = 0;
    double c = 0;
    for (double d : degrees) {
      s += Math.sin(Math.toRadians(d));
      c += Math.cos(Math.toRadians(d));
    }
    return Math.toDegrees(Math.atan2(s, c));
  }
}
