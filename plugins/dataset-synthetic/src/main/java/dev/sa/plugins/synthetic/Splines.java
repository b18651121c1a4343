package dev.sa.plugins.synthetic;

import java.awt.geom.Path2D;

/**
 * Dense polylines through control points, and points evenly spaced along them. Arrays are laid
 * out {@code x0, y0, x1, y1, ...} in image coordinates (pixel centres at integers).
 */
final class Splines {
  /** Polyline vertices per spline span: enough that the chord error is far below a pixel. */
  static final int SAMPLES_PER_SPAN = 10;

  private Splines() {}

  /**
   * A uniform Catmull-Rom spline through the control points (open; the ends are extended by
   * reflection), as a dense polyline that starts and ends at the first and last control point.
   */
  static double[] spline(double[] ctrl) {
    int n = ctrl.length / 2;
    if (n < 2) {
      throw new IllegalArgumentException("a spline needs at least two control points, got " + n);
    }
    int spans = n - 1;
    double[] out = new double[(spans * SAMPLES_PER_SPAN + 1) * 2];
    int o = 0;
    for (int s = 0; s < spans; s++) {
      for (int k = 0; k < SAMPLES_PER_SPAN; k++) {
        double t = (double) k / SAMPLES_PER_SPAN;
        out[o++] = catmullRom(ctrl, n, s, t, 0);
        out[o++] = catmullRom(ctrl, n, s, t, 1);
      }
    }
    out[o++] = ctrl[2 * (n - 1)];
    out[o] = ctrl[2 * (n - 1) + 1];
    return out;
  }

  private static double catmullRom(double[] c, int n, int span, double t, int axis) {
    double p1 = c[2 * span + axis];
    double p2 = c[2 * (span + 1) + axis];
    double p0 = span > 0 ? c[2 * (span - 1) + axis] : 2 * p1 - p2;
    double p3 = span + 2 < n ? c[2 * (span + 2) + axis] : 2 * p2 - p1;
    double t2 = t * t;
    double t3 = t2 * t;
    return 0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (3 * p1 - p0 - 3 * p2 + p3) * t3);
  }

  /**
   * {@code count} points evenly spaced by arc length along the polyline, the first and last at its
   * ends; each lies exactly on a polyline segment, hence on the rendered curve.
   */
  static double[] resample(double[] dense, int count) {
    int n = dense.length / 2;
    double[] cum = new double[n];
    for (int i = 1; i < n; i++) {
      cum[i] = cum[i - 1] + Math.hypot(dense[2 * i] - dense[2 * i - 2], dense[2 * i + 1] - dense[2 * i - 1]);
    }
    double total = cum[n - 1];
    double[] out = new double[count * 2];
    int seg = 1;
    for (int k = 0; k < count; k++) {
      if (k == count - 1) {
        out[2 * k] = dense[2 * n - 2];
        out[2 * k + 1] = dense[2 * n - 1];
        break;
      }
      double target = total * k / (count - 1);
      while (seg < n - 1 && cum[seg] < target) {
        seg++;
      }
      double len = cum[seg] - cum[seg - 1];
      double f = len > 0 ? (target - cum[seg - 1]) / len : 0;
      f = Math.max(0, Math.min(1, f));
      out[2 * k] = dense[2 * seg - 2] + f * (dense[2 * seg] - dense[2 * seg - 2]);
      out[2 * k + 1] = dense[2 * seg - 1] + f * (dense[2 * seg + 1] - dense[2 * seg - 1]);
    }
    return out;
  }

  /** The polyline as a path; {@code closed} joins its last vertex to its first. */
  static Path2D.Double path(double[] dense, boolean closed) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(dense[0], dense[1]);
    for (int i = 2; i < dense.length; i += 2) {
      p.lineTo(dense[i], dense[i + 1]);
    }
    if (closed) {
      p.closePath();
    }
    return p;
  }

  /** One closed path running through the given polylines in turn. */
  static Path2D.Double closed(double[]... parts) {
    Path2D.Double p = new Path2D.Double();
    boolean first = true;
    for (double[] part : parts) {
      for (int i = 0; i < part.length; i += 2) {
        if (first) {
          p.moveTo(part[i], part[i + 1]);
          first = false;
        } else {
          p.lineTo(part[i], part[i + 1]);
        }
      }
    }
    p.closePath();
    return p;
  }
}
