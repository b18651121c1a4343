package dev.sa.plugins.synthetic;

import dev.sa.api.Landmarks;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random occluders: blocks, discs, sunglasses and hand-like blobs. Train and common faces get one
 * small occluder with probability 0.1; challenge faces get one or two larger ones.
 */
final class Occluders {
  private Occluders() {}

  /**
   * @param face maps face units (inter-pupil, x right, y down) at the origin to image pixels;
   *     occluders anchored elsewhere are placed by translating it
   */
  static List<Occluder> draw(Random rng, boolean hard, Landmarks truth, AffineTransform face, Color skin) {
    List<Occluder> out = new ArrayList<>();
    int count = hard ? 1 + (rng.nextDouble() < 0.5 ? 1 : 0) : (rng.nextDouble() < 0.1 ? 1 : 0);
    boolean glasses = false;
    for (int k = 0; k < count; k++) {
      double size = hard ? Look.uniform(rng, 0.5, 1.1) : Look.uniform(rng, 0.3, 0.7);
      double u = rng.nextDouble();
      if (hard && !glasses && u < 0.2) {
        glasses = true;
        out.add(sunglasses(rng, truth, face));
      } else if (u < 0.5) {
        out.add(box(rng, truth, face, size, false));
      } else if (u < 0.75) {
        out.add(box(rng, truth, face, size, true));
      } else {
        out.add(hand(rng, truth, face, size, skin));
      }
    }
    return out;
  }

  private static Occluder box(Random rng, Landmarks truth, AffineTransform face, double size, boolean round) {
    int anchor = rng.nextInt(truth.count());
    AffineTransform at = at(face, truth.x(anchor), truth.y(anchor));
    at.translate(0.15 * rng.nextGaussian(), 0.15 * rng.nextGaussian());
    at.rotate(Math.PI * rng.nextDouble());
    double w = size * Look.uniform(rng, 0.7, 1.4);
    double h = size * Look.uniform(rng, 0.7, 1.4);
    Shape local = round ? new Ellipse2D.Double(-w / 2, -h / 2, w, h) : new Rectangle2D.Double(-w / 2, -h / 2, w, h);
    Color color = new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
    return new Occluder(round ? "disc" : "block", List.of(at.createTransformedShape(local)), color);
  }

  private static Occluder sunglasses(Random rng, Landmarks truth, AffineTransform face) {
    List<Shape> parts = new ArrayList<>();
    double rx = Look.uniform(rng, 0.26, 0.34);
    double ry = Look.uniform(rng, 0.17, 0.24);
    double[] a = truth.mean(Contours.IBUG68.get(5).points());
    double[] b = truth.mean(Contours.IBUG68.get(6).points());
    for (double[] c : new double[][] {a, b}) {
      parts.add(at(face, c[0], c[1]).createTransformedShape(new Ellipse2D.Double(-rx, -ry, 2 * rx, 2 * ry)));
    }
    AffineTransform mid = at(face, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
    parts.add(mid.createTransformedShape(new Rectangle2D.Double(-0.3, -0.08, 0.6, 0.06)));
    parts.add(mid.createTransformedShape(new Rectangle2D.Double(-0.5 - rx - 0.45, -0.08, 0.45, 0.05)));
    parts.add(mid.createTransformedShape(new Rectangle2D.Double(0.5 + rx, -0.08, 0.45, 0.05)));
    Color color = Look.jitter(rng, new int[] {30, 30, 35}, 12);
    return new Occluder("sunglasses", parts, color);
  }

  /** A palm with four fingers, reaching up from below at a random angle over the lower face. */
  private static Occluder hand(Random rng, Landmarks truth, AffineTransform face, double size, Color skin) {
    int[] lower = {4, 5, 6, 7, 8, 9, 10, 11, 12, 31, 33, 35, 48, 51, 54, 57};
    int anchor = lower[rng.nextInt(lower.length)];
    AffineTransform at = at(face, truth.x(anchor), truth.y(anchor));
    at.rotate(0.6 * (2 * rng.nextDouble() - 1));
    at.scale(size, size);
    List<Shape> parts = new ArrayList<>();
    parts.add(at.createTransformedShape(new Ellipse2D.Double(-0.45, 0.2, 0.9, 0.9)));
    for (int f = 0; f < 4; f++) {
      double x = -0.36 + 0.24 * f;
      double len = f == 0 || f == 3 ? 0.6 : 0.75;
      parts.add(at.createTransformedShape(new Ellipse2D.Double(x - 0.09, 0.45 - len, 0.18, len)));
    }
    Color color = Look.scale(Look.jitter(rng, new int[] {skin.getRed(), skin.getGreen(), skin.getBlue()}, 15), 0.95);
    return new Occluder("hand", parts, color);
  }

  private static AffineTransform at(AffineTransform face, double x, double y) {
    AffineTransform t = AffineTransform.getTranslateInstance(x, y);
    t.concatenate(new AffineTransform(face.getScaleX(), face.getShearY(), face.getShearX(), face.getScaleY(), 0, 0));
    return t;
  }
}
