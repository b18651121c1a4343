package dev.sa.plugins.synthetic;

import dev.sa.api.Landmarks;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything about one generated face except its pixels: the true landmarks, the dense curves
 * they lie on, the outline shapes, the look and the occluders, all in image coordinates (pixel
 * centres at integers). Cheap to build, so image sources rebuild it on every load.
 */
final class FaceGeometry {
  final int size;
  final boolean hard;
  final Landmarks truth;
  final Map<Curve, double[]> curves;
  /** Closed head outline: the jaw curve, then the crown back to jaw point 0. */
  final double[] headOutline;
  /** Closed hair region, or {@code null} for a bald head. */
  final double[] hair;
  final Shape earLeft;
  final Shape earRight;
  final Shape neck;
  /** Maps face units (inter-pupil, x right, y down) at the origin to image pixels. */
  final AffineTransform faceAxes;
  final double interPupilPx;
  final Look look;
  final List<Occluder> occluders;
  final Set<Integer> occluded;
  final long pixelSeed;

  FaceGeometry(int size, boolean hard, Landmarks truth, EnumMap<Curve, double[]> curves, double[] headOutline,
      double[] hair, Shape earLeft, Shape earRight, Shape neck, AffineTransform faceAxes, Look look,
      List<Occluder> occluders, long pixelSeed) {
    this.size = size;
    this.hard = hard;
    this.truth = truth;
    this.curves = curves;
    this.headOutline = headOutline;
    this.hair = hair;
    this.earLeft = earLeft;
    this.earRight = earRight;
    this.neck = neck;
    this.faceAxes = faceAxes;
    this.interPupilPx = AnnotationNoise.interPupil(truth);
    this.look = look;
    this.occluders = List.copyOf(occluders);
    TreeSet<Integer> hidden = new TreeSet<>();
    for (int i = 0; i < truth.count(); i++) {
      for (Occluder o : occluders) {
        if (o.covers(truth.x(i), truth.y(i))) {
          hidden.add(i);
        }
      }
    }
    this.occluded = Set.copyOf(hidden);
    this.pixelSeed = pixelSeed;
  }

  double[] curve(Curve c) {
    return curves.get(c);
  }

  /** What an annotator of this face sees, for the noise models. */
  AnnotationNoise.Conditions conditions(int annotator) {
    return new AnnotationNoise.Conditions(annotator, look.blur96(), look.contrast(), occluded);
  }
}
