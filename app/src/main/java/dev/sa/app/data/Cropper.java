package dev.sa.app.data;

import dev.sa.api.FaceSample;
import dev.sa.api.SaException;
import dev.sa.app.method.Frames.CropTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;

/** Samples an image through a {@link CropTransform} into a {@code (3, S, S)} float crop. */
public final class Cropper {
  private Cropper() {}

  /** The face's image, decoded; a file that cannot be decoded is a data error naming it. */
  public static BufferedImage image(FaceSample face) {
    BufferedImage img;
    try {
      img = face.image().load();
    } catch (IOException | RuntimeException e) {
      throw SaException.dataError(face.image().describe() + ": cannot decode image: " + e.getMessage(), e);
    }
    if (img == null) {
      throw SaException.dataError(face.image().describe() + ": not a readable image");
    }
    return img;
  }

  /**
   * Bilinear sampling; RGB scaled to {@code [-0.5, 0.5]}; outside the image reads as 0 (mid grey).
   *
   * @param out receives {@code 3 * size * size} floats, channel-major, at {@code offset}
   */
  public static void crop(BufferedImage image, CropTransform t, int size, float[] out, int offset) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    int plane = size * size;
    double det = t.a() * t.d() - t.b() * t.c();
    double ia = t.d() / det;
    double ib = -t.b() / det;
    double ic = -t.c() / det;
    double id = t.a() / det;
    for (int v = 0; v < size; v++) {
      double py = v - t.ty();
      for (int u = 0; u < size; u++) {
        double px = u - t.tx();
        double x = ia * px + ib * py;
        double y = ic * px + id * py;
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        float r = 0;
        float g = 0;
        float b = 0;
        for (int k = 0; k < 4; k++) {
          int xx = x0 + (k & 1);
          int yy = y0 + (k >> 1);
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
            continue;
          }
          double wt = ((k & 1) == 1 ? fx : 1 - fx) * ((k >> 1) == 1 ? fy : 1 - fy);
          int p = rgb[yy * w + xx];
          r += (float) (wt * (((p >> 16) & 0xff) / 255.0 - 0.5));
          g += (float) (wt * (((p >> 8) & 0xff) / 255.0 - 0.5));
          b += (float) (wt * ((p & 0xff) / 255.0 - 0.5));
        }
        int at = offset + v * size + u;
        out[at] = r;
        out[at + plane] = g;
        out[at + 2 * plane] = b;
      }
    }
  }
}
