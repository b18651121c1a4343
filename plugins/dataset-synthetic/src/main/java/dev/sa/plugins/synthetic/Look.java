package dev.sa.plugins.synthetic;

import java.awt.Color;
import java.util.Random;

/**
 * The appearance of one face: colours, lighting and the image degradations. {@code blur96} is
 * the Gaussian blur sigma in pixels of a 96-pixel image (so relative to the face), and
 * {@code contrast} scales every pixel's distance to the image mean (1 = unchanged).
 */
record Look(
    Color skin,
    Color hair,
    boolean bald,
    Color brow,
    Color background,
    Color lip,
    Color iris,
    double lightAngle,
    double lightStrength,
    double contrast,
    double blur96,
    double noiseStd,
    double browThickness,
    double gazeX,
    double gazeY,
    boolean teeth) {

  private static final int[][] HAIR = {
    {25, 20, 18}, {60, 40, 28}, {105, 72, 45}, {190, 160, 100}, {140, 70, 35}, {150, 150, 150},
  };
  private static final int[][] IRIS = {
    {90, 55, 30}, {45, 30, 20}, {70, 110, 150}, {80, 110, 70}, {110, 115, 120},
  };

  /** Draws a look; {@code hard} (challenge) faces get harsher light, more blur and noise, less contrast. */
  static Look draw(Random rng, boolean hard, boolean mouthOpen) {
    double t = rng.nextDouble();
    Color skin = jitter(rng, new int[] {
      (int) (236 + t * (92 - 236)), (int) (204 + t * (60 - 204)), (int) (180 + t * (44 - 180))}, 8);
    boolean bald = rng.nextDouble() < 0.15;
    Color hair = jitter(rng, HAIR[rng.nextInt(HAIR.length)], 12);
    Color brow = bald || luminance(hair) > 120 ? scale(mix(hair, new Color(60, 40, 28), 0.6), 0.9) : scale(hair, 0.9);
    Color background = background(rng, luminance(skin));
    Color lip = mix(skin, new Color(170, 70, 75), 0.45 + 0.2 * rng.nextDouble());
    Color iris = jitter(rng, IRIS[rng.nextInt(IRIS.length)], 10);
    double lightAngle = 2 * Math.PI * rng.nextDouble();
    double lightStrength = hard ? uniform(rng, 0.3, 0.55) : uniform(rng, 0.1, 0.35);
    double contrast = hard ? uniform(rng, 0.35, 0.6) : uniform(rng, 0.65, 1.0);
    double blur96 = hard ? uniform(rng, 0.8, 1.5) : uniform(rng, 0.0, 0.7);
    double noiseStd = hard ? uniform(rng, 3, 8) : uniform(rng, 1, 5);
    double browThickness = uniform(rng, 0.8, 1.3);
    double gazeX = 0.03 * rng.nextGaussian();
    double gazeY = 0.015 * rng.nextGaussian();
    boolean teeth = mouthOpen && rng.nextDouble() < 0.7;
    return new Look(skin, hair, bald, brow, background, lip, iris, lightAngle, lightStrength, contrast, blur96,
        noiseStd, browThickness, gazeX, gazeY, teeth);
  }

  /** A background colour whose luminance differs from the skin's, so the face outline is an edge. */
  private static Color background(Random rng, double skinLum) {
    for (int tries = 0; tries < 20; tries++) {
      Color c = new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
      if (Math.abs(luminance(c) - skinLum) >= 50) {
        return c;
      }
    }
    return skinLum > 128 ? new Color(30, 30, 40) : new Color(220, 220, 210);
  }

  static double luminance(Color c) {
    return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
  }

  static Color scale(Color c, double f) {
    return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f));
  }

  static Color mix(Color a, Color b, double f) {
    return new Color(clamp(a.getRed() + f * (b.getRed() - a.getRed())),
        clamp(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        clamp(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  static Color alpha(Color c, double a) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), clamp(255 * a));
  }

  static Color jitter(Random rng, int[] rgb, int amount) {
    return new Color(clamp(rgb[0] + amount * rng.nextGaussian()), clamp(rgb[1] + amount * rng.nextGaussian()),
        clamp(rgb[2] + amount * rng.nextGaussian()));
  }

  static double uniform(Random rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }

  static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
