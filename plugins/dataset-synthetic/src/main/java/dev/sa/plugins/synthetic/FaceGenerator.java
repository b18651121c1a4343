package dev.sa.plugins.synthetic;

import dev.sa.api.Landmarks;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Random;

/**
 * Builds the geometry of one face from its seed (paper Section 3 in miniature): the mean face is
 * deformed ({@link ShapeModel}), yawed (x' = x cos(yaw) + z sin(yaw), which compresses one side
 * and shifts the nose and mouth), rotated in plane, scaled and shifted; then each facial curve is
 * a spline through the posed points and its weak landmarks are placed evenly along that spline,
 * so that every true landmark lies on a drawn contour. Stateless and thread-safe.
 */
final class FaceGenerator {
  /** Inter-pupil distance as a fraction of the image side: the face spans about 65 % of it. */
  static final double INTER_PUPIL_FRACTION = 0.275;

  private final int size;
  private final double rotationStd;
  private final double challengeRotationStd;
  private final double yawMax;

  FaceGenerator(SyntheticOptions options) {
    this.size = options.imageSize();
    this.rotationStd = options.rotationStd();
    this.challengeRotationStd = options.challengeRotationStd();
    this.yawMax = options.yawMax();
  }

  int size() {
    return size;
  }

  FaceGeometry generate(long faceSeed, boolean hard) {
    Random rng = new Random(Seeds.mix(faceSeed, Seeds.SHAPE));
    ShapeModel.Face3d face = ShapeModel.deform(rng);
    double yawLimit = hard ? Math.min(1.5 * yawMax, 0.5) : yawMax;
    double yaw = yawLimit * (2 * rng.nextDouble() - 1);
    double std = hard ? challengeRotationStd : rotationStd;
    double roll = Math.toRadians(ShapeModel.clipped(rng, 0, std, -2.5 * std, 2.5 * std));
    double scale = size * INTER_PUPIL_FRACTION * ShapeModel.clipped(rng, 1, hard ? 0.1 : 0.06, 0.8, 1.2);
    double jitterX = size * ShapeModel.clipped(rng, 0, 0.03, -0.06, 0.06);
    double jitterY = size * ShapeModel.clipped(rng, 0, 0.03, -0.06, 0.06);

    Pose pose = null;
    double[] truth = null;
    EnumMap<Curve, double[]> curves = null;
    for (int attempt = 0; attempt < 30; attempt++) {
      Pose centred = new Pose(yaw, roll, scale, 0, 0);
      double[] ctrl = centred.project(face.landmarks);
      double[] box = bounds(ctrl);
      pose = new Pose(yaw, roll, scale, size / 2.0 - (box[0] + box[2]) / 2 + jitterX,
          0.53 * size - (box[1] + box[3]) / 2 + jitterY);
      ctrl = pose.project(face.landmarks);
      truth = ctrl.clone();
      curves = new EnumMap<>(Curve.class);
      for (Curve c : Curve.values()) {
        curves.put(c, place(c, ctrl, truth));
      }
      double[] tb = bounds(truth);
      double margin = 1.5;
      if (tb[0] >= margin && tb[1] >= margin && tb[2] <= size - 1 - margin && tb[3] <= size - 1 - margin) {
        break;
      }
      scale *= 0.92;
      jitterX *= 0.5;
      jitterY *= 0.5;
    }

    double[] crown = Splines.spline(concat(point(truth, 16), pose.project(face.headRight),
        pose.project(mirrored(face.headRight, true)), point(truth, 0)));
    double[] headOutline = concat(curves.get(Curve.JAW), crown);
    AffineTransform axes = pose.axes();
    Look look = Look.draw(new Random(Seeds.mix(faceSeed, Seeds.LOOK)), hard, face.mouthOpen > 0.06);
    double[] hair = look.bald() ? null : concat(
        Splines.spline(concat(pose.project(mirrored(face.hairlineRight, false)), pose.project(reversed(face.hairlineRight)))),
        Splines.spline(concat(pose.project(face.hairOuterRight),
            pose.project(mirrored(face.hairOuterRight, true)))));
    Landmarks truthInImage = Landmarks.of(toFloat(truth));
    List<Occluder> occluders = Occluders.draw(new Random(Seeds.mix(faceSeed, Seeds.LOOK + 100)), hard,
        truthInImage, axes, look.skin());
    return new FaceGeometry(size, hard, truthInImage, curves, headOutline, hair,
        ear(pose, axes, face.earRight, -1), ear(pose, axes, face.earRight, 1), neck(pose, face.neckRight),
        axes, look, occluders, Seeds.mix(faceSeed, Seeds.PIXELS));
  }

  /** Dense spline of a curve; writes its evenly spaced interior landmarks into {@code truth}. */
  private static double[] place(Curve c, double[] ctrl, double[] truth) {
    double[] points = new double[c.size() * 2];
    for (int k = 0; k < c.size(); k++) {
      points[2 * k] = ctrl[2 * c.point(k)];
      points[2 * k + 1] = ctrl[2 * c.point(k) + 1];
    }
    double[] dense = Splines.spline(points);
    if (c.resampled()) {
      double[] even = Splines.resample(dense, c.size());
      for (int k = 1; k < c.size() - 1; k++) {
        truth[2 * c.point(k)] = even[2 * k];
        truth[2 * c.point(k) + 1] = even[2 * k + 1];
      }
    }
    return dense;
  }

  private static Shape ear(Pose pose, AffineTransform axes, double[] earRight, int side) {
    double[] c = pose.project(new double[][] {{side * earRight[0], earRight[1], earRight[2]}});
    AffineTransform at = AffineTransform.getTranslateInstance(c[0], c[1]);
    at.concatenate(new AffineTransform(axes.getScaleX(), axes.getShearY(), axes.getShearX(), axes.getScaleY(), 0, 0));
    double w = MeanFace.EAR_HALF_WIDTH;
    double h = MeanFace.EAR_HALF_HEIGHT;
    return at.createTransformedShape(new Ellipse2D.Double(-w, -h, 2 * w, 2 * h));
  }

  private static Shape neck(Pose pose, double[][] neckRight) {
    double[] p = pose.project(new double[][] {
      neckRight[0], neckRight[1], {-neckRight[1][0], neckRight[1][1], neckRight[1][2]},
      {-neckRight[0][0], neckRight[0][1], neckRight[0][2]}});
    Path2D.Double path = new Path2D.Double();
    path.moveTo(p[0], p[1]);
    for (int i = 2; i < p.length; i += 2) {
      path.lineTo(p[i], p[i + 1]);
    }
    path.closePath();
    return path;
  }

  /** The left-side copy of right-side points; {@code reverse} also reverses their order. */
  private static double[][] mirrored(double[][] right, boolean reverse) {
    int n = right.length;
    double[][] out = new double[n - 1][];
    for (int k = 0; k < n - 1; k++) {
      double[] q = right[reverse ? n - 2 - k : k];
      out[k] = new double[] {-q[0], q[1], q[2]};
    }
    return out;
  }

  private static double[][] reversed(double[][] points) {
    double[][] out = new double[points.length][];
    for (int k = 0; k < points.length; k++) {
      out[k] = points[points.length - 1 - k];
    }
    return out;
  }

  private static double[] point(double[] xy, int i) {
    return new double[] {xy[2 * i], xy[2 * i + 1]};
  }

  static double[] concat(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[] bounds(double[] xy) {
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0; i < xy.length; i += 2) {
      b[0] = Math.min(b[0], xy[i]);
      b[1] = Math.min(b[1], xy[i + 1]);
      b[2] = Math.max(b[2], xy[i]);
      b[3] = Math.max(b[3], xy[i + 1]);
    }
    return b;
  }

  private static float[] toFloat(double[] xy) {
    float[] f = new float[xy.length];
    for (int i = 0; i < xy.length; i++) {
      f[i] = (float) xy[i];
    }
    return f;
  }

  /** Yaw about the vertical axis, then in-plane rotation, scale (pixels per face unit) and shift. */
  private record Pose(double yaw, double roll, double scale, double tx, double ty) {
    double[] project(double[][] points) {
      double cy = Math.cos(yaw);
      double sy = Math.sin(yaw);
      double cr = Math.cos(roll);
      double sr = Math.sin(roll);
      double[] out = new double[points.length * 2];
      for (int i = 0; i < points.length; i++) {
        double x = points[i][0] * cy + points[i][2] * sy;
        double y = points[i][1];
        out[2 * i] = scale * (x * cr - y * sr) + tx;
        out[2 * i + 1] = scale * (x * sr + y * cr) + ty;
      }
      return out;
    }

    AffineTransform axes() {
      double cy = Math.cos(yaw);
      double cr = Math.cos(roll);
      double sr = Math.sin(roll);
      return new AffineTransform(scale * cy * cr, scale * cy * sr, -scale * sr, scale * cr, 0, 0);
    }
  }
}
