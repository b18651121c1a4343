package dev.sa.plugins.synthetic;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Contrast reduction, Gaussian blur and sensor noise on a {@code TYPE_INT_RGB} image, in place. */
final class PixelEffects {
  private static final double SQRT3 = Math.sqrt(3);

  private PixelEffects() {}

  /**
   * @param contrast factor on every channel's distance to the image's mean grey level, in (0, 1]
   * @param sigma Gaussian blur sigma in pixels; below 0.25 there is no blur
   * @param noiseStd std of the additive noise in grey levels
   * @param seed seed of the noise stream
   */
  static void apply(BufferedImage img, double contrast, double sigma, double noiseStd, long seed) {
    if (img.getType() != BufferedImage.TYPE_INT_RGB) {
      throw new IllegalArgumentException("pixel effects need TYPE_INT_RGB, got type " + img.getType());
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int[] data = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    float[][] ch = new float[3][w * h];
    double[] mean = new double[3];
    for (int i = 0; i < data.length; i++) {
      int p = data[i];
      ch[0][i] = (p >> 16) & 0xff;
      ch[1][i] = (p >> 8) & 0xff;
      ch[2][i] = p & 0xff;
      mean[0] += ch[0][i];
      mean[1] += ch[1][i];
      mean[2] += ch[2][i];
    }
    // Towards the mean grey, not each channel's mean, so low contrast never tints the face.
    float m = (float) ((0.299 * mean[0] + 0.587 * mean[1] + 0.114 * mean[2]) / data.length);
    for (int c = 0; c < 3; c++) {
      float[] a = ch[c];
      for (int i = 0; i < a.length; i++) {
        a[i] = m + (float) contrast * (a[i] - m);
      }
      if (sigma >= 0.25) {
        blur(a, w, h, kernel(sigma));
      }
    }
    long state = seed | 1;
    for (int i = 0; i < data.length; i++) {
      state = xorshift(state);
      float common = (float) (gauss(state) * noiseStd * 0.8);
      int rgb = 0;
      for (int c = 0; c < 3; c++) {
        state = xorshift(state);
        float v = ch[c][i] + common + (float) (gauss(state) * noiseStd * 0.6);
        rgb = (rgb << 8) | Math.max(0, Math.min(255, Math.round(v)));
      }
      data[i] = rgb;
    }
  }

  private static float[] kernel(double sigma) {
    int r = (int) Math.ceil(2.5 * sigma);
    float[] k = new float[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      double v = Math.exp(-i * i / (2 * sigma * sigma));
      k[i + r] = (float) v;
      sum += v;
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= (float) sum;
    }
    return k;
  }

  /** Separable convolution with edge clamping. */
  private static void blur(float[] a, int w, int h, float[] k) {
    int r = k.length / 2;
    float[] tmp = new float[a.length];
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        float s = 0;
        if (x >= r && x < w - r) {
          for (int j = -r; j <= r; j++) {
            s += k[j + r] * a[row + x + j];
          }
        } else {
          for (int j = -r; j <= r; j++) {
            s += k[j + r] * a[row + Math.max(0, Math.min(w - 1, x + j))];
          }
        }
        tmp[row + x] = s;
      }
    }
    for (int y = 0; y < h; y++) {
      boolean inside = y >= r && y < h - r;
      for (int x = 0; x < w; x++) {
        float s = 0;
        if (inside) {
          for (int j = -r; j <= r; j++) {
            s += k[j + r] * tmp[(y + j) * w + x];
          }
        } else {
          for (int j = -r; j <= r; j++) {
            s += k[j + r] * tmp[Math.max(0, Math.min(h - 1, y + j)) * w + x];
          }
        }
        a[y * w + x] = s;
      }
    }
  }

  private static long xorshift(long x) {
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    return x;
  }

  /** Roughly standard normal: four 16-bit uniforms from one 64-bit draw, summed and rescaled. */
  private static double gauss(long bits) {
    long sum = (bits & 0xffff) + ((bits >>> 16) & 0xffff) + ((bits >>> 32) & 0xffff) + (bits >>> 48);
    return (sum * (1.0 / 65536) - 2) * SQRT3;
  }
}
