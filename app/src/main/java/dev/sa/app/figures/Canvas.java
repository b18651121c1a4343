package dev.sa.app.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Shared drawing: page set-up, text, markers, legends and the heatmap colour map. */
final class Canvas {
  static {
    // Figures are drawn on servers without a display; this must hold before AWT starts.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font SECTION = new Font(Font.SANS_SERIF, Font.BOLD, 12);
  static final int PAD = 8;
  static final int TITLE_H = 24;
  static final int CAPTION_H = 16;
  static final Color INK = new Color(30, 30, 30);
  static final Color GREY = new Color(110, 110, 110);
  /** The outline of filled markers. */
  private static final Color OUTLINE = new Color(0, 0, 0, 170);

  private Canvas() {}

  static BufferedImage page(int width, int height) {
    BufferedImage img = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.dispose();
    return img;
  }

  static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    return g;
  }

  /** Height of {@link #header}: the title and subtitle wrapped into {@code width}. */
  static int headerHeight(String title, String subtitle, int width) {
    int h = 6 + 18 * wrap(title, TITLE, width).size();
    if (subtitle != null && !subtitle.isBlank()) {
      h += 15 * wrap(subtitle, TEXT, width).size();
    }
    return h + 4;
  }

  /** Draws the title (bold) and subtitle (grey) at the top, wrapped into {@code width}; returns the height used. */
  static int header(Graphics2D g, String title, String subtitle, int x, int width) {
    int y = 5;
    for (String line : wrap(title, TITLE, width)) {
      text(g, line, TITLE, INK, x, y, width);
      y += 18;
    }
    if (subtitle != null && !subtitle.isBlank()) {
      for (String line : wrap(subtitle, TEXT, width)) {
        text(g, line, TEXT, GREY, x, y, width);
        y += 15;
      }
    }
    return headerHeight(title, subtitle, width);
  }

  /** Greedy word wrap; a word longer than the width is cut by {@link #text}. */
  static List<String> wrap(String text, Font font, int width) {
    FontMetrics fm = page(1, 1).createGraphics().getFontMetrics(font);
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (line.length() > 0 && fm.stringWidth(candidate) > width) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    lines.add(line.toString());
    return lines;
  }

  /** Draws {@code text} left-aligned with its top at {@code y}, cut with an ellipsis to {@code maxWidth}. */
  static void text(Graphics2D g, String text, Font font, Color color, int x, int y, int maxWidth) {
    g.setFont(font);
    g.setColor(color);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(fit(fm, text, maxWidth), x, y + fm.getAscent());
  }

  /** Like {@link #text} but centred in {@code [x, x + width)}. */
  static void centred(Graphics2D g, String text, Font font, Color color, int x, int y, int width) {
    g.setFont(font);
    g.setColor(color);
    FontMetrics fm = g.getFontMetrics();
    String s = fit(fm, text, width);
    g.drawString(s, x + (width - fm.stringWidth(s)) / 2, y + fm.getAscent());
  }

  static String fit(FontMetrics fm, String text, int maxWidth) {
    if (fm.stringWidth(text) <= maxWidth) {
      return text;
    }
    String s = text;
    while (!s.isEmpty() && fm.stringWidth(s + "\u2026") > maxWidth) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "\u2026";
  }

  /** Draws the face scaled into the square cell at (x, y). */
  static void face(Graphics2D g, BufferedImage face, int x, int y, int cell) {
    g.drawImage(face, x, y, cell, cell, null);
    g.setColor(GREY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x, y, cell - 1, cell - 1);
  }

  /** Screen position of a face-pixel coordinate in a cell of side {@code cell} showing a face of side {@code side}. */
  static double toCell(double inFace, double side, int cell) {
    return (inFace + 0.5) * cell / side;
  }

  /** Marker radius for a cell of this size: small enough for 68 points on a face. */
  static double radius(int cell) {
    return Math.max(1.8, cell / 80.0);
  }

  /** A filled shape with a thin dark outline, so that light markers stay visible on a light face. */
  private static void outlined(Graphics2D g, Color fill, Shape shape) {
    g.setColor(fill);
    g.fill(shape);
    g.setColor(OUTLINE);
    g.setStroke(new BasicStroke(0.6f));
    g.draw(shape);
  }

  static void marker(Graphics2D g, Marker m, double x, double y, double r) {
    switch (m.glyph()) {
      case DOT -> {
        outlined(g, m.color(), new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
      }
      case RING -> {
        g.setColor(m.color());
        g.setStroke(new BasicStroke(1.4f));
        g.draw(new Ellipse2D.Double(x - r * 1.2, y - r * 1.2, 2.4 * r, 2.4 * r));
      }
      case CROSS -> {
        double d = r * 1.15;
        stroked(g, m.color(), new Line2D.Double(x - d, y - d, x + d, y + d), new Line2D.Double(x - d, y + d, x + d, y - d));
      }
      case PLUS -> {
        double d = r * 1.4;
        stroked(g, m.color(), new Line2D.Double(x - d, y, x + d, y), new Line2D.Double(x, y - d, x, y + d));
      }
      case DIAMOND -> {
        double d = r * 1.3;
        Path2D p = new Path2D.Double();
        p.moveTo(x, y - d);
        p.lineTo(x + d, y);
        p.lineTo(x, y + d);
        p.lineTo(x - d, y);
        p.closePath();
        outlined(g, m.color(), p);
      }
      case SQUARE -> {
        outlined(g, m.color(), new Rectangle2D.Double(x - r, y - r, 2 * r, 2 * r));
      }
      default -> throw new IllegalStateException("unknown glyph " + m.glyph());
    }
  }

  /** Lines with a dark halo so they read on light and dark faces alike. */
  private static void stroked(Graphics2D g, Color color, Line2D... lines) {
    g.setColor(new Color(0, 0, 0, 150));
    g.setStroke(new BasicStroke(2.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (Line2D l : lines) {
      g.draw(l);
    }
    g.setColor(color);
    g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (Line2D l : lines) {
      g.draw(l);
    }
  }

  /** Height of a legend of these markers wrapped into {@code width}. */
  static int legendHeight(List<Marker> markers, int width) {
    return rows(markers, width).size() * 18 + 4;
  }

  /** Draws the legend with its top at {@code y}; returns the height used. */
  static int legend(Graphics2D g, List<Marker> markers, int x, int y, int width) {
    List<List<Marker>> rows = rows(markers, width);
    g.setFont(TEXT);
    int yy = y + 2;
    for (List<Marker> row : rows) {
      int xx = x;
      for (Marker m : row) {
        marker(g, m, xx + 6, yy + 8, 4);
        text(g, m.label(), TEXT, INK, xx + 16, yy + 1, width);
        xx += itemWidth(g.getFontMetrics(), m);
      }
      yy += 18;
    }
    return yy - y + 2;
  }

  private static List<List<Marker>> rows(List<Marker> markers, int width) {
    FontMetrics fm = page(1, 1).createGraphics().getFontMetrics(TEXT);
    List<List<Marker>> rows = new ArrayList<>();
    List<Marker> row = new ArrayList<>();
    int used = 0;
    for (Marker m : markers) {
      int w = itemWidth(fm, m);
      if (!row.isEmpty() && used + w > width) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(m);
      used += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  private static int itemWidth(FontMetrics fm, Marker m) {
    return 16 + fm.stringWidth(m.label()) + 18;
  }

  /**
   * A perceptually ordered colour map (viridis, sampled at nine points and interpolated), for
   * heatmap values scaled to {@code [0, 1]}; values outside are clipped.
   */
  static Color heat(double t) {
    double v = Math.max(0, Math.min(1, Double.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
    int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(v));
    double f = v - i;
    int[] a = VIRIDIS[i];
    int[] b = VIRIDIS[i + 1];
    return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
        (int) Math.round(a[2] + f * (b[2] - a[2])));
  }

  private static final int[][] VIRIDIS = {
    {68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142}, {33, 144, 141},
    {39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37}
  };
}
