package dev.sa.api;

import java.util.List;

/**
 * How a data set turns a landmark error into NME: the error is divided by {@link #distance}. Each
 * data set declares its normalisers in its {@link LandmarkScheme}; metrics never guess them from
 * the landmark count.
 */
public sealed interface Normalization {
  /** Name used in reports, e.g. {@code inter-pupil}. */
  String name();

  /** The normalising distance for one face, computed on the reference (ground-truth) points. */
  double distance(Landmarks reference, FaceBox box);

  /**
   * Distance between the mean of two point groups: inter-pupil (eye centres = means of the eye
   * contours, 300W Table 2) or inter-ocular (outer eye corners 36/45, 300-VW Table 4).
   */
  record PointGroups(String name, List<Integer> first, List<Integer> second) implements Normalization {
    public PointGroups {
      first = List.copyOf(first);
      second = List.copyOf(second);
      if (first.isEmpty() || second.isEmpty()) {
        throw new IllegalArgumentException("normaliser " + name + " needs two non-empty point groups");
      }
    }

    @Override
    public double distance(Landmarks reference, FaceBox box) {
      double[] a = reference.mean(first);
      double[] b = reference.mean(second);
      return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
  }

  /** Face size {@code sqrt(w * h)} of the face box (AFLW, paper Table 3). */
  record BoxSize(String name) implements Normalization {
    @Override
    public double distance(Landmarks reference, FaceBox box) {
      return box.size();
    }
  }
}
