package dev.sa.app.figures;

import dev.sa.api.Landmarks;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Paper Fig. 2a: the predicted heatmap of a strong semantic point (an eye corner) next to that of a
 * weak one (a point on the jaw), as a 2-D colour patch and as a 3-D surface, for a few faces. A
 * strong point gives a near-Gaussian peak; a weak one a lower, wider 'flat hat' stretched along
 * its contour. Colour and height use one scale for the whole figure, so peaks compare honestly.
 */
public final class HeatmapFigure {
  /**
   * One face.
   *
   * @param caption e.g. the sample id
   * @param face the network's input crop at any resolution (heatmap pixels map onto it by
   *     proportion: {@code inFace = (inHeatmap + 0.5) * faceSide / h - 0.5})
   * @param strong heatmap of the strong point
   * @param weak heatmap of the weak point
   */
  public record Example(String caption, BufferedImage face, Heatmap strong, Heatmap weak) {
    public Example {
      if (face == null || strong == null || weak == null) {
        throw new IllegalArgumentException("a heatmap example needs a face and two heatmaps");
      }
      caption = caption == null ? "" : caption;
    }
  }

  private static final Marker STRONG = new Marker("strong point (peak)", new Color(255, 140, 0), Marker.Glyph.SQUARE);
  private static final Marker WEAK = new Marker("weak point (peak)", new Color(0, 220, 255), Marker.Glyph.DIAMOND);

  private HeatmapFigure() {}

  /**
   * Renders one row per example: the face with both peaks marked, then the strong point's patch
   * (2-D, 3-D) and the weak point's (2-D, 3-D), each a window of {@code 2 * radius + 1} heatmap
   * pixels around its peak.
   *
   * @param strongName name of the strong point, e.g. {@code eye_a_0 (36)}
   * @param weakName name of the weak point, e.g. {@code jaw_4 (4)}
   * @param radius half-size of the patches in heatmap pixels
   * @param cell side of each cell in pixels
   */
  public static BufferedImage render(String title, String strongName, String weakName, List<Example> examples,
      int radius, int cell) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("heatmap figure '" + title + "' has no faces");
    }
    if (radius < 1 || cell < 32) {
      throw new IllegalArgumentException("heatmap figure needs radius >= 1 and cell >= 32");
    }
    double zMax = 1;
    for (Example e : examples) {
      zMax = Math.max(zMax, Math.max(e.strong().max(), e.weak().max()));
    }
    int pad = Canvas.PAD;
    int cols = 5;
    int width = pad + cols * (cell + pad);
    String subtitle = subtitle(radius, zMax);
    int top = Canvas.headerHeight(title, subtitle, width - 2 * pad);
    int header = top + Canvas.CAPTION_H + 4;
    int rowH = cell + 2 * Canvas.CAPTION_H + pad;
    List<Marker> markers = List.of(STRONG.withLabel("strong: " + strongName), WEAK.withLabel("weak: " + weakName));
    int height = header + examples.size() * rowH + Canvas.legendHeight(markers, width - 2 * pad) + pad;
    BufferedImage img = Canvas.page(width, height);
    Graphics2D g = Canvas.graphics(img);
    Canvas.header(g, title, subtitle, pad, width - 2 * pad);
    String[] heads = {"face", "strong, 2-D", "strong, 3-D", "weak, 2-D", "weak, 3-D"};
    for (int c = 0; c < cols; c++) {
      Canvas.centred(g, heads[c], Canvas.SECTION, Canvas.INK, pad + c * (cell + pad), top, cell);
    }
    int y = header;
    for (Example e : examples) {
      int x = pad;
      FacePanel face = FacePanel.of(e.caption(), e.face(), List.of(
          new PointLayer(markers.get(0), peakInFace(e.strong(), e.face())),
          new PointLayer(markers.get(1), peakInFace(e.weak(), e.face()))));
      FaceGrid.drawPanel(g, face, x, y, cell);
      x += cell + pad;
      drawPatch(g, e.strong(), radius, zMax, x, y, cell);
      x += cell + pad;
      drawSurface(g, e.strong(), radius, zMax, x, y, cell);
      x += cell + pad;
      drawPatch(g, e.weak(), radius, zMax, x, y, cell);
      x += cell + pad;
      drawSurface(g, e.weak(), radius, zMax, x, y, cell);
      for (int k = 0; k < 2; k++) {
        Heatmap h = k == 0 ? e.strong() : e.weak();
        double mass = h.massNearPeak(1);
        String stats = String.format(Locale.ROOT, "peak %.2f, mass within 1 px of the peak %s", h.max(),
            Double.isNaN(mass) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * mass));
        Canvas.centred(g, stats, Canvas.TEXT, Canvas.GREY, pad + (1 + 2 * k) * (cell + pad), y + cell + 1,
            2 * cell + pad);
      }
      y += rowH;
    }
    Canvas.legend(g, markers, pad, y, width - 2 * pad);
    g.dispose();
    return img;
  }

  static String subtitle(int radius, double zMax) {
    return String.format(Locale.ROOT, "Patches of %d x %d heatmap pixels around each peak; colour and height: heatmap"
        + " value from 0 to %.2f (the training target peaks at 1).", 2 * radius + 1, 2 * radius + 1, zMax);
  }

  private static Landmarks peakInFace(Heatmap h, BufferedImage face) {
    int[] p = h.argmax();
    float x = (float) ((p[0] + 0.5) * face.getWidth() / h.size() - 0.5);
    float y = (float) ((p[1] + 0.5) * face.getHeight() / h.size() - 0.5);
    return Landmarks.of(new float[] {x, y});
  }

  /** The window around the peak, clipped to the map: {x0, y0, n} with n the side. */
  private static int[] window(Heatmap h, int radius) {
    int n = Math.min(2 * radius + 1, h.size());
    int[] p = h.argmax();
    int x0 = Math.max(0, Math.min(h.size() - n, p[0] - radius));
    int y0 = Math.max(0, Math.min(h.size() - n, p[1] - radius));
    return new int[] {x0, y0, n};
  }

  private static void drawPatch(Graphics2D g, Heatmap h, int radius, double zMax, int x, int y, int cell) {
    int[] w = window(h, radius);
    int n = w[2];
    double px = (double) cell / n;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        g.setColor(Canvas.heat(h.value(w[0] + i, w[1] + j) / zMax));
        g.fill(new Rectangle2D.Double(x + i * px, y + j * px, px + 0.5, px + 0.5));
      }
    }
    int[] p = h.argmax();
    double cx = x + (p[0] - w[0] + 0.5) * px;
    double cy = y + (p[1] - w[1] + 0.5) * px;
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(1.2f));
    g.draw(new Line2D.Double(cx - 4, cy, cx + 4, cy));
    g.draw(new Line2D.Double(cx, cy - 4, cx, cy + 4));
    g.setColor(Canvas.GREY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x, y, cell - 1, cell - 1);
  }

  /**
   * A height field seen from the front and above: quads filled by value, drawn back to front
   * (painter's algorithm; exact for a height field viewed along this diagonal).
   */
  private static void drawSurface(Graphics2D g, Heatmap h, int radius, double zMax, int x, int y, int cell) {
    int[] w = window(h, radius);
    int n = w[2];
    g.setColor(new Color(245, 245, 245));
    g.fillRect(x, y, cell, cell);
    double span = Math.max(1, n - 1);
    double a = 0.45 * cell / span;
    double b = a * 0.5;
    double height = 0.45 * cell;
    double cx = x + cell / 2.0;
    double cy = y + 0.05 * cell + height + span * b;
    double[][] sx = new double[n][n];
    double[][] sy = new double[n][n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double u = i - span / 2;
        double v = j - span / 2;
        double z = Math.max(0, Math.min(1, h.value(w[0] + i, w[1] + j) / zMax));
        sx[j][i] = cx + (u - v) * a;
        sy[j][i] = cy + (u + v) * b - z * height;
      }
    }
    Graphics2D c = (Graphics2D) g.create(x, y, cell, cell);
    c.translate(-x, -y);
    for (int d = 0; d <= 2 * (n - 2); d++) {
      for (int j = 0; j < n - 1; j++) {
        int i = d - j;
        if (i < 0 || i >= n - 1) {
          continue;
        }
        Path2D q = new Path2D.Double();
        q.moveTo(sx[j][i], sy[j][i]);
        q.lineTo(sx[j][i + 1], sy[j][i + 1]);
        q.lineTo(sx[j + 1][i + 1], sy[j + 1][i + 1]);
        q.lineTo(sx[j + 1][i], sy[j + 1][i]);
        q.closePath();
        double mean = (h.value(w[0] + i, w[1] + j) + h.value(w[0] + i + 1, w[1] + j)
            + h.value(w[0] + i, w[1] + j + 1) + h.value(w[0] + i + 1, w[1] + j + 1)) / 4;
        c.setColor(Canvas.heat(mean / zMax));
        c.fill(q);
        c.setColor(new Color(0, 0, 0, 90));
        c.setStroke(new BasicStroke(0.5f));
        c.draw(q);
      }
    }
    c.dispose();
    g.setColor(Canvas.GREY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x, y, cell - 1, cell - 1);
  }
}
