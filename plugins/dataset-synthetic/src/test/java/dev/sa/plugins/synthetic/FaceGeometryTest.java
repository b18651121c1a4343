package dev.sa.plugins.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import org.junit.jupiter.api.Test;

class FaceGeometryTest {
  private final FaceGenerator generator = new FaceGenerator(SyntheticOptions.defaults());

  @Test
  void everyTruePointLiesOnItsDrawnCurve() {
    for (long seed = 0; seed < 40; seed++) {
      FaceGeometry f = generator.generate(seed, seed % 2 == 0);
      for (Curve c : Curve.values()) {
        double[] dense = f.curve(c);
        for (int k = 0; k < c.size(); k++) {
          int p = c.point(k);
          assertThat(distanceToPolyline(f.truth.x(p), f.truth.y(p), dense))
              .as("seed %d point %d on %s", seed, p, c).isLessThan(1e-3);
        }
      }
    }
  }

  @Test
  void jawPointsAreEvenlySpaced() {
    for (long seed = 0; seed < 40; seed++) {
      Landmarks t = generator.generate(seed, false).truth;
      double min = Double.MAX_VALUE;
      double max = 0;
      for (int i = 1; i <= 16; i++) {
        double d = Math.hypot(t.x(i) - t.x(i - 1), t.y(i) - t.y(i - 1));
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      assertThat(max / min).as("seed %d", seed).isLessThan(1.2);
    }
  }

  @Test
  void faceFillsAboutTwoThirdsOfTheImage() {
    double sum = 0;
    for (long seed = 0; seed < 50; seed++) {
      FaceBox tight = FaceBox.around(generator.generate(seed, false).truth, 1.0);
      sum += Math.max(tight.width(), tight.height()) / 96.0;
    }
    assertThat(sum / 50).isBetween(0.55, 0.75);
  }

  @Test
  void partsKeepTheirAnatomicalOrder() {
    for (long seed = 0; seed < 60; seed++) {
      FaceGeometry f = generator.generate(seed, seed % 3 == 0);
      // Measure along the face's own vertical axis so rotation does not matter.
      double ux = f.faceAxes.getShearX();
      double uy = f.faceAxes.getScaleY();
      double brow = along(f.truth, 19, ux, uy);
      double eye = along(f.truth, 37, ux, uy);
      double tip = along(f.truth, 30, ux, uy);
      double base = along(f.truth, 33, ux, uy);
      double lip = along(f.truth, 51, ux, uy);
      double lower = along(f.truth, 57, ux, uy);
      double chin = along(f.truth, 8, ux, uy);
      assertThat(brow).as("seed %d", seed).isLessThan(eye);
      assertThat(eye).isLessThan(tip);
      assertThat(tip).isLessThan(base);
      assertThat(base).isLessThan(lip);
      assertThat(lip).isLessThan(lower);
      assertThat(lower).isLessThan(chin);
      assertThat(f.truth.x(36)).isNotEqualTo(f.truth.x(45));
    }
  }

  private static double along(Landmarks t, int i, double ux, double uy) {
    return t.x(i) * ux + t.y(i) * uy;
  }

  static double distanceToPolyline(double px, double py, double[] dense) {
    double best = Double.MAX_VALUE;
    for (int k = 0; k + 3 < dense.length; k += 2) {
      double ax = dense[k];
      double ay = dense[k + 1];
      double dx = dense[k + 2] - ax;
      double dy = dense[k + 3] - ay;
      double t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy + 1e-18);
      t = Math.max(0, Math.min(1, t));
      best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
    }
    return best;
  }
}
