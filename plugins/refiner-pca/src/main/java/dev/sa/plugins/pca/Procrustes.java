package dev.sa.plugins.pca;

import dev.sa.api.SaException;
import java.util.ArrayList;
import java.util.List;

/**
 * Similarity (Procrustes) alignment of 2-D shapes stored as {@code [x0, y0, x1, y1, ...]}: the
 * weighted closed-form fit of one shape onto another, and generalised Procrustes analysis that
 * aligns a training set to its own mean (Cootes et al.'s point distribution model, as used for the
 * PCA post-processing of CLM and LGCN that paper Table 8 compares GHCU with).
 */
final class Procrustes {
  private Procrustes() {}

  /** {@code [[a, -b], [b, a]] p + (tx, ty)}: scale sqrt(a^2 + b^2), angle atan2(b, a). */
  record Similarity(double a, double b, double tx, double ty) {
    static final Similarity IDENTITY = new Similarity(1, 0, 0, 0);

    double[] apply(double[] shape) {
      double[] out = new double[shape.length];
      for (int i = 0; i < shape.length; i += 2) {
        out[i] = a * shape[i] - b * shape[i + 1] + tx;
        out[i + 1] = b * shape[i] + a * shape[i + 1] + ty;
      }
      return out;
    }
  }

  /**
   * The similarity minimising {@code sum_i w_i |T(from_i) - to_i|^2}.
   *
   * @param weights one per point, or {@code null} for equal weights
   */
  static Similarity fit(double[] from, double[] to, double[] weights) {
    int n = from.length / 2;
    double sw = 0;
    double fx = 0;
    double fy = 0;
    double tx = 0;
    double ty = 0;
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1 : weights[i];
      sw += w;
      fx += w * from[2 * i];
      fy += w * from[2 * i + 1];
      tx += w * to[2 * i];
      ty += w * to[2 * i + 1];
    }
    fx /= sw;
    fy /= sw;
    tx /= sw;
    ty /= sw;
    double norm = 0;
    double dot = 0;
    double cross = 0;
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1 : weights[i];
      double px = from[2 * i] - fx;
      double py = from[2 * i + 1] - fy;
      double qx = to[2 * i] - tx;
      double qy = to[2 * i + 1] - ty;
      norm += w * (px * px + py * py);
      dot += w * (px * qx + py * qy);
      cross += w * (px * qy - py * qx);
    }
    if (!(norm > 0)) {
      return new Similarity(1, 0, tx - fx, ty - fy);
    }
    double a = dot / norm;
    double b = cross / norm;
    return new Similarity(a, b, tx - (a * fx - b * fy), ty - (b * fx + a * fy));
  }

  /** Centred copy scaled to unit Frobenius norm. */
  static double[] normalise(double[] shape, String what) {
    double[] out = centred(shape);
    double norm = Math.sqrt(dot(out, out));
    if (!(norm > 1e-12)) {
      throw SaException.dataError("refiner pca: " + what + " has all its points at one spot");
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= norm;
    }
    return out;
  }

  static double[] centred(double[] shape) {
    double cx = 0;
    double cy = 0;
    int n = shape.length / 2;
    for (int i = 0; i < n; i++) {
      cx += shape[2 * i];
      cy += shape[2 * i + 1];
    }
    cx /= n;
    cy /= n;
    double[] out = shape.clone();
    for (int i = 0; i < n; i++) {
      out[2 * i] -= cx;
      out[2 * i + 1] -= cy;
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * Generalised Procrustes analysis: every shape is centred, scaled and rotated onto the mean, then
   * projected into the mean's tangent space ({@code x . mean = 1}) so that the point distribution
   * is linear; the mean is re-estimated, kept at unit norm and at the first shape's orientation,
   * until it moves less than {@code tolerance}.
   */
  static Alignment generalised(List<double[]> shapes, int maxIterations, double tolerance) {
    List<double[]> normalised = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      normalised.add(normalise(shapes.get(i), "training shape " + i));
    }
    double[] reference = normalised.get(0);
    double[] mean = reference.clone();
    List<double[]> aligned = alignAll(normalised, mean);
    int iteration = 0;
    while (iteration < maxIterations) {
      iteration++;
      double[] next = new double[mean.length];
      for (double[] s : aligned) {
        for (int i = 0; i < next.length; i++) {
          next[i] += s[i] / aligned.size();
        }
      }
      Similarity toReference = fit(next, reference, null);
      double scale = Math.hypot(toReference.a(), toReference.b());
      next = new Similarity(toReference.a() / scale, toReference.b() / scale, 0, 0).apply(next);
      next = normalise(next, "the mean shape");
      double change = 0;
      for (int i = 0; i < next.length; i++) {
        change += (next[i] - mean[i]) * (next[i] - mean[i]);
      }
      mean = next;
      aligned = alignAll(normalised, mean);
      if (Math.sqrt(change) < tolerance) {
        break;
      }
    }
    return new Alignment(aligned, mean, iteration);
  }

  private static List<double[]> alignAll(List<double[]> normalised, double[] mean) {
    List<double[]> out = new ArrayList<>();
    for (double[] s : normalised) {
      Similarity t = fit(s, mean, null);
      double[] x = new Similarity(t.a(), t.b(), 0, 0).apply(s);
      double projection = dot(x, mean);
      for (int i = 0; i < x.length; i++) {
        x[i] /= projection;
      }
      out.add(x);
    }
    return out;
  }

  /** Shapes aligned into the tangent space of the unit-norm mean, and the iterations it took. */
  static final class Alignment {
    private final List<double[]> shapes;
    private final double[] mean;
    private final int iterations;

    Alignment(List<double[]> shapes, double[] mean, int iterations) {
      this.shapes = shapes;
      this.mean = mean;
      this.iterations = iterations;
    }

    int size() {
      return shapes.size();
    }

    double[] shape(int i) {
      return shapes.get(i).clone();
    }

    double[] mean() {
      return mean.clone();
    }

    int iterations() {
      return iterations;
    }
  }
}
