package dev.sa.app.figures;

import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.ImageSource;
import dev.sa.api.Landmarks;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Synthetic in-test data: a drawn face with 68 iBUG-ordered points, and Gaussian heatmaps. */
final class Fixtures {
  private Fixtures() {}

  /** Where tests leave their PNGs for a human to look at. */
  static Path samples() throws IOException {
    Path p = Path.of("target", "figure-samples");
    Files.createDirectories(p);
    return p;
  }

  /** 68 points of a frontal face in a {@code side} x {@code side} image, jittered by {@code seed}. */
  static Landmarks face68(int side, long seed) {
    Random r = new Random(seed);
    double cx = side / 2.0;
    double cy = side / 2.0;
    double s = side / 128.0;
    float[] xy = new float[136];
    int k = 0;
    for (int i = 0; i <= 16; i++) { // jaw: lower half ellipse from ear to ear
      double t = Math.PI * (1 - i / 16.0);
      xy[k++] = (float) (cx + 44 * s * Math.cos(t));
      xy[k++] = (float) (cy + 4 * s + 48 * s * Math.sin(t) * (i == 0 || i == 16 ? 0.05 : 1));
    }
    for (int side2 = -1; side2 <= 1; side2 += 2) { // brows 17-21 and 22-26
      for (int i = 0; i < 5; i++) {
        double x = side2 < 0 ? cx - 36 * s + i * 7 * s : cx + 8 * s + i * 7 * s;
        xy[k++] = (float) x;
        xy[k++] = (float) (cy - 26 * s - 4 * s * Math.sin(Math.PI * i / 4));
      }
    }
    for (int i = 0; i < 4; i++) { // nose bridge 27-30
      xy[k++] = (float) cx;
      xy[k++] = (float) (cy - 18 * s + i * 7 * s);
    }
    for (int i = 0; i < 5; i++) { // nose base 31-35
      xy[k++] = (float) (cx - 8 * s + i * 4 * s);
      xy[k++] = (float) (cy + 12 * s);
    }
    for (int e = -1; e <= 1; e += 2) { // eyes 36-41, 42-47
      double ex = cx + e * 18 * s;
      for (int i = 0; i < 6; i++) {
        double t = Math.PI * i / 3;
        xy[k++] = (float) (ex - 8 * s * Math.cos(t));
        xy[k++] = (float) (cy - 12 * s - 3 * s * Math.sin(t));
      }
    }
    for (int i = 0; i < 12; i++) { // outer lips 48-59
      double t = Math.PI * i / 6;
      xy[k++] = (float) (cx - 15 * s * Math.cos(t));
      xy[k++] = (float) (cy + 28 * s - 6 * s * Math.sin(t));
    }
    for (int i = 0; i < 8; i++) { // inner lips 60-67
      double t = Math.PI * i / 4;
      xy[k++] = (float) (cx - 10 * s * Math.cos(t));
      xy[k++] = (float) (cy + 28 * s - 2 * s * Math.sin(t));
    }
    for (int i = 0; i < xy.length; i++) {
      xy[i] += (float) (r.nextGaussian() * 0.8 * s);
    }
    return Landmarks.of(xy);
  }

  /** The same points moved by (dx, dy). */
  static Landmarks shift(Landmarks l, double dx, double dy) {
    float[] xy = l.toArray();
    for (int i = 0; i < xy.length; i += 2) {
      xy[i] += (float) dx;
      xy[i + 1] += (float) dy;
    }
    return Landmarks.of(xy);
  }

  /** A face drawn through its points: skin oval, eyes, brows, mouth, on a textured background. */
  static BufferedImage faceImage(int side, Landmarks p) {
    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int v = 70 + (int) (30 * Math.sin(x * 0.3) * Math.cos(y * 0.2));
        img.setRGB(x, y, new Color(v, v + 10, v + 30).getRGB());
      }
    }
    double s = side / 128.0;
    g.setColor(new Color(225, 180, 150));
    g.fillOval((int) (side / 2.0 - 46 * s), (int) (side / 2.0 - 50 * s), (int) (92 * s), (int) (104 * s));
    g.setColor(new Color(90, 60, 40));
    for (int i = 17; i < 26; i++) {
      if (i != 21) {
        g.drawLine((int) p.x(i), (int) p.y(i), (int) p.x(i + 1), (int) p.y(i + 1));
      }
    }
    g.setColor(Color.WHITE);
    g.fillOval((int) p.x(36), (int) (p.y(36) - 3 * s), (int) (p.x(39) - p.x(36)), (int) (6 * s));
    g.fillOval((int) p.x(42), (int) (p.y(42) - 3 * s), (int) (p.x(45) - p.x(42)), (int) (6 * s));
    g.setColor(new Color(170, 60, 70));
    g.fillOval((int) p.x(48), (int) (p.y(48) - 5 * s), (int) (p.x(54) - p.x(48)), (int) (10 * s));
    g.dispose();
    return img;
  }

  static FaceSample sample(String id, int side, long seed) {
    Landmarks pts = face68(side, seed);
    BufferedImage img = faceImage(side, pts);
    ImageSource src = new ImageSource() {
      @Override
      public BufferedImage load() {
        return img;
      }

      @Override
      public String describe() {
        return "in-test face " + id;
      }
    };
    return FaceSample.of(id, src, FaceBox.around(pts, 1.2), pts, "");
  }

  /** An anisotropic Gaussian of peak {@code peak} at (x, y) in an h x h map, stretched along x by {@code stretch}. */
  static float[] gaussian(int h, double x, double y, double sigma, double stretch, double peak) {
    float[] m = new float[h * h];
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < h; i++) {
        double dx = (i - x) / (sigma * stretch);
        double dy = (j - y) / sigma;
        m[j * h + i] = (float) (peak * Math.exp(-(dx * dx + dy * dy) / 2));
      }
    }
    return m;
  }
}
