package dev.sa.plugins.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Draws a {@link FaceGeometry} with antialiased Java2D: textured background, neck and ears, a
 * lit head whose lower outline is the jaw curve, hair, brows whose upper edge is the brow curve,
 * eyes between the eyelid curves, the nose bridge line and base, filled lips outlined by the lip
 * curves, occluders; then contrast, blur and noise. Deterministic for a given geometry; each call
 * uses its own graphics context and random stream, so calls may run on many threads.
 */
final class FaceRenderer {
  private FaceRenderer() {}

  static BufferedImage render(FaceGeometry f) {
    int n = f.size;
    BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    Look look = f.look;
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      background(g, n, look.background(), new Random(f.pixelSeed));
      // Landmark coordinates put pixel centres at integers; Java2D puts them at +0.5.
      g.translate(0.5, 0.5);
      double u = f.interPupilPx;
      Color skin = look.skin();
      // The neck and ears sit in shadow, darker than the darkest lit face, so the jaw is an edge.
      double shade = 1 - look.lightStrength();
      g.setColor(Look.scale(skin, 0.7 * shade));
      g.fill(f.neck);
      g.setColor(Look.scale(skin, 0.8 * shade));
      g.fill(f.earLeft);
      g.fill(f.earRight);
      head(g, f, u);
      if (f.hair != null) {
        g.setColor(look.hair());
        g.fill(Splines.path(f.hair, true));
      }
      brow(g, f, f.curve(Curve.BROW_A), false, u);
      brow(g, f, f.curve(Curve.BROW_B), true, u);
      eye(g, f, f.curve(Curve.EYE_A_UPPER), f.curve(Curve.EYE_A_LOWER), 36, u);
      eye(g, f, f.curve(Curve.EYE_B_UPPER), f.curve(Curve.EYE_B_LOWER), 42, u);
      nose(g, f, u);
      mouth(g, f, u);
      for (Occluder o : f.occluders) {
        g.setColor(o.color());
        for (Shape s : o.parts()) {
          g.fill(s);
        }
        g.setColor(Look.scale(o.color(), 0.7));
        g.setStroke(new BasicStroke((float) (0.02 * u)));
        for (Shape s : o.parts()) {
          g.draw(s);
        }
      }
    } finally {
      g.dispose();
    }
    PixelEffects.apply(img, look.contrast(), look.blur96() * n / 96.0, look.noiseStd(), f.pixelSeed);
    return img;
  }

  private static void background(Graphics2D g, int n, Color base, Random rng) {
    g.setColor(base);
    g.fillRect(0, 0, n, n);
    int k = 3 + rng.nextInt(6);
    BufferedImage coarse = new BufferedImage(k, k, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < k; y++) {
      for (int x = 0; x < k; x++) {
        coarse.setRGB(x, y, Look.jitter(rng, rgb(base), 30).getRGB());
      }
    }
    g.drawImage(coarse, 0, 0, n, n, null);
    int shapes = 2 + rng.nextInt(6);
    for (int s = 0; s < shapes; s++) {
      g.setColor(Look.alpha(Look.jitter(rng, rgb(base), 60), Look.uniform(rng, 0.4, 0.9)));
      double w = n * Look.uniform(rng, 0.1, 0.5);
      double h = n * Look.uniform(rng, 0.1, 0.5);
      double x = n * rng.nextDouble() - w / 2;
      double y = n * rng.nextDouble() - h / 2;
      g.fill(rng.nextBoolean() ? new Ellipse2D.Double(x, y, w, h) : new Rectangle2D.Double(x, y, w, h));
    }
  }

  /** The head lit from one side: a linear gradient across it makes the jaw a visible edge. */
  private static void head(Graphics2D g, FaceGeometry f, double u) {
    Look look = f.look;
    double cx = f.truth.x(29);
    double cy = f.truth.y(29);
    double dx = Math.cos(look.lightAngle()) * 1.4 * u;
    double dy = Math.sin(look.lightAngle()) * 1.4 * u;
    Color lit = Look.scale(look.skin(), 1 + look.lightStrength());
    Color shade = Look.scale(look.skin(), 1 - look.lightStrength());
    g.setPaint(new GradientPaint(new Point2D.Double(cx - dx, cy - dy), lit, new Point2D.Double(cx + dx, cy + dy), shade));
    g.fill(Splines.path(f.headOutline, true));
  }

  /** A tapered brow hanging below its curve, thickest at the inner end. */
  private static void brow(Graphics2D g, FaceGeometry f, double[] curve, boolean innerFirst, double u) {
    int m = curve.length / 2;
    double[] down = {f.faceAxes.getShearX(), f.faceAxes.getScaleY()};
    double[] lower = new double[curve.length];
    for (int i = 0; i < m; i++) {
      int a = Math.max(0, i - 1);
      int b = Math.min(m - 1, i + 1);
      double tx = curve[2 * b] - curve[2 * a];
      double ty = curve[2 * b + 1] - curve[2 * a + 1];
      double len = Math.hypot(tx, ty);
      double nx = -ty / len;
      double ny = tx / len;
      if (nx * down[0] + ny * down[1] < 0) {
        nx = -nx;
        ny = -ny;
      }
      double t = innerFirst ? 1 - (double) i / (m - 1) : (double) i / (m - 1);
      double width = u * f.look.browThickness() * (0.035 + 0.065 * t);
      lower[2 * (m - 1 - i)] = curve[2 * i] + nx * width;
      lower[2 * (m - 1 - i) + 1] = curve[2 * i + 1] + ny * width;
    }
    g.setColor(Look.alpha(f.look.brow(), 0.92));
    g.fill(Splines.closed(curve, lower));
  }

  private static void eye(Graphics2D g, FaceGeometry f, double[] upper, double[] lower, int first, double u) {
    Look look = f.look;
    Path2D.Double shape = Splines.closed(upper, lower);
    g.setColor(Look.mix(new Color(238, 234, 226), look.skin(), 0.15));
    g.fill(shape);
    double[] c = f.truth.mean(java.util.List.of(first, first + 1, first + 2, first + 3, first + 4, first + 5));
    Point2D gaze = f.faceAxes.deltaTransform(new Point2D.Double(look.gazeX(), look.gazeY()), null);
    double r = 0.1 * u;
    Shape clip = g.getClip();
    g.clip(shape);
    g.setColor(look.iris());
    g.fill(new Ellipse2D.Double(c[0] + gaze.getX() - r, c[1] + gaze.getY() - r, 2 * r, 2 * r));
    g.setColor(new Color(15, 12, 12));
    g.fill(new Ellipse2D.Double(c[0] + gaze.getX() - 0.45 * r, c[1] + gaze.getY() - 0.45 * r, 0.9 * r, 0.9 * r));
    g.setClip(clip);
    g.setStroke(new BasicStroke((float) (0.02 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(Look.scale(look.skin(), 0.6));
    g.draw(Splines.path(lower, false));
    g.setStroke(new BasicStroke((float) (0.045 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(Look.mix(new Color(35, 25, 25), look.brow(), 0.3));
    g.draw(Splines.path(upper, false));
  }

  private static void nose(Graphics2D g, FaceGeometry f, double u) {
    Color skin = f.look.skin();
    Point2D light = new Point2D.Double(Math.cos(f.look.lightAngle()), Math.sin(f.look.lightAngle()));
    double[] bridge = f.curve(Curve.NOSE_BRIDGE);
    double[] highlight = bridge.clone();
    for (int i = 0; i < highlight.length; i += 2) {
      highlight[i] -= light.getX() * 0.07 * u;
      highlight[i + 1] -= light.getY() * 0.07 * u;
    }
    g.setStroke(new BasicStroke((float) (0.05 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(Look.alpha(Look.scale(skin, 1.15), 0.6));
    g.draw(Splines.path(highlight, false));
    g.setColor(Look.alpha(Look.scale(skin, 0.72), 0.9));
    g.draw(Splines.path(bridge, false));
    g.setStroke(new BasicStroke((float) (0.03 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(Look.scale(skin, 0.68));
    for (int side : new int[] {-1, 1}) {
      int wing = side < 0 ? 31 : 35;
      double[] ctrl = {
        f.truth.x(wing), f.truth.y(wing), 0, 0, 0, 0};
      Point2D a = f.faceAxes.deltaTransform(new Point2D.Double(side * 0.07, -0.09), null);
      Point2D b = f.faceAxes.deltaTransform(new Point2D.Double(side * 0.02, -0.19), null);
      ctrl[2] = ctrl[0] + a.getX();
      ctrl[3] = ctrl[1] + a.getY();
      ctrl[4] = ctrl[0] + b.getX();
      ctrl[5] = ctrl[1] + b.getY();
      g.draw(Splines.path(Splines.spline(ctrl), false));
      int nostril = side < 0 ? 32 : 34;
      Point2D o = f.faceAxes.deltaTransform(new Point2D.Double(-side * 0.01, -0.035), null);
      double rx = 0.055 * u;
      double ry = 0.03 * u;
      g.setColor(Look.scale(skin, 0.35));
      g.fill(new Ellipse2D.Double(f.truth.x(nostril) + o.getX() - rx, f.truth.y(nostril) + o.getY() - ry, 2 * rx, 2 * ry));
      g.setColor(Look.scale(skin, 0.68));
    }
    g.setColor(Look.scale(skin, 0.55));
    g.draw(Splines.path(f.curve(Curve.NOSE_BASE), false));
  }

  private static void mouth(Graphics2D g, FaceGeometry f, double u) {
    Look look = f.look;
    double[] outerUpper = f.curve(Curve.MOUTH_OUTER_UPPER);
    double[] outerLower = f.curve(Curve.MOUTH_OUTER_LOWER);
    double[] innerUpper = f.curve(Curve.MOUTH_INNER_UPPER);
    double[] innerLower = f.curve(Curve.MOUTH_INNER_LOWER);
    g.setColor(look.lip());
    g.fill(Splines.closed(outerUpper, outerLower));
    g.setColor(Look.scale(look.lip(), 0.85));
    g.fill(Splines.closed(outerUpper, reverse(innerUpper)));
    Path2D.Double inner = Splines.closed(innerUpper, innerLower);
    g.setColor(new Color(55, 22, 26));
    g.fill(inner);
    if (look.teeth()) {
      Shape clip = g.getClip();
      g.clip(inner);
      double[] c = {f.truth.x(62), f.truth.y(62)};
      double h = 0.5 * Math.hypot(f.truth.x(66) - c[0], f.truth.y(66) - c[1]);
      g.setColor(new Color(228, 222, 205));
      AffineTransform at = AffineTransform.getTranslateInstance(c[0], c[1]);
      at.concatenate(f.faceAxes);
      g.fill(at.createTransformedShape(new Rectangle2D.Double(-0.4, -0.05, 0.8, 0.05 + h / u)));
      g.setClip(clip);
    }
    g.setStroke(new BasicStroke((float) (0.025 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(Look.scale(look.lip(), 0.7));
    g.draw(Splines.closed(outerUpper, outerLower));
    g.setStroke(new BasicStroke((float) (0.03 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(new Color(45, 18, 22));
    g.draw(inner);
  }

  private static double[] reverse(double[] xy) {
    double[] out = new double[xy.length];
    int n = xy.length / 2;
    for (int i = 0; i < n; i++) {
      out[2 * i] = xy[2 * (n - 1 - i)];
      out[2 * i + 1] = xy[2 * (n - 1 - i) + 1];
    }
    return out;
  }

  private static int[] rgb(Color c) {
    return new int[] {c.getRed(), c.getGreen(), c.getBlue()};
  }
}
