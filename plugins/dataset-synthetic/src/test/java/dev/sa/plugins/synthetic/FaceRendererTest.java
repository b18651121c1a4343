package dev.sa.plugins.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.api.Landmarks;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The true points sit on visible contours: the image has a strong intensity edge there. */
class FaceRendererTest {
  private final FaceGenerator generator = new FaceGenerator(SyntheticOptions.defaults());

  @Test
  void jawPointsSitOnAnIntensityEdge() {
    int faces = 30;
    int passed = 0;
    for (long seed = 100; seed < 100 + faces; seed++) {
      FaceGeometry f = generator.generate(seed, false);
      double[] grad = gradientMagnitude(FaceRenderer.render(f));
      double median = median(grad.clone());
      double[] atJaw = new double[17];
      for (int i = 0; i <= 16; i++) {
        atJaw[i] = at(grad, f.truth, i, f.size);
      }
      double jawMedian = median(atJaw);
      assertThat(jawMedian).as("seed %d", seed).isGreaterThan(median);
      if (jawMedian > 3 * median) {
        passed++;
      }
    }
    assertThat(passed).isGreaterThanOrEqualTo(faces * 8 / 10);
  }

  @Test
  void browEyelidAndLipPointsSitOnEdgesToo() {
    int[] points = {18, 19, 20, 23, 24, 25, 37, 38, 43, 44, 50, 52, 56, 58};
    for (long seed = 200; seed < 220; seed++) {
      FaceGeometry f = generator.generate(seed, false);
      double[] grad = gradientMagnitude(FaceRenderer.render(f));
      double median = median(grad.clone());
      double[] values = new double[points.length];
      for (int k = 0; k < points.length; k++) {
        values[k] = at(grad, f.truth, points[k], f.size);
      }
      assertThat(median(values)).as("seed %d", seed).isGreaterThan(2 * median);
    }
  }

  private static double at(double[] grad, Landmarks t, int i, int size) {
    int x = Math.round(t.x(i));
    int y = Math.round(t.y(i));
    return grad[y * size + x];
  }

  /** Sobel gradient magnitude of the luminance; zero on the border. */
  static double[] gradientMagnitude(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    double[] lum = new double[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = img.getRGB(x, y);
        lum[y * w + x] = 0.299 * ((p >> 16) & 255) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255);
      }
    }
    double[] g = new double[w * h];
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        double gx = lum[(y - 1) * w + x + 1] + 2 * lum[y * w + x + 1] + lum[(y + 1) * w + x + 1]
            - lum[(y - 1) * w + x - 1] - 2 * lum[y * w + x - 1] - lum[(y + 1) * w + x - 1];
        double gy = lum[(y + 1) * w + x - 1] + 2 * lum[(y + 1) * w + x] + lum[(y + 1) * w + x + 1]
            - lum[(y - 1) * w + x - 1] - 2 * lum[(y - 1) * w + x] - lum[(y - 1) * w + x + 1];
        g[y * w + x] = Math.hypot(gx, gy);
      }
    }
    return g;
  }

  static double median(double[] v) {
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
