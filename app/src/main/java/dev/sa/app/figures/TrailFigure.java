package dev.sa.app.figures;

import dev.sa.api.Landmarks;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Paper Fig. 4: how the searched labels move over the Semantic Alignment epochs. One row per
 * training face: the face with the traced points, then a zoom on each traced point showing its
 * path from the human annotation (epoch 0, green) through y^ of every epoch to the final y^ (red).
 * The movements are a few input pixels, so only the zooms make them visible; each zoom keeps the
 * face's true proportions and states the distance moved in input pixels.
 */
public final class TrailFigure {
  /**
   * One training face.
   *
   * @param caption e.g. the sample id
   * @param face the network's input crop at any resolution
   * @param pathInFace the labels at epochs 0 (human annotation), 1, ..., E in the face image's
   *     pixels, at least two
   * @param truthInFace the true points where known (synthetic data)
   */
  public record Example(String caption, BufferedImage face, List<Landmarks> pathInFace, Optional<Landmarks> truthInFace) {
    public Example {
      if (face == null || pathInFace == null || pathInFace.size() < 2) {
        throw new IllegalArgumentException("a trail needs a face and labels of at least two epochs");
      }
      caption = caption == null ? "" : caption;
      pathInFace = List.copyOf(pathInFace);
      truthInFace = truthInFace == null ? Optional.empty() : truthInFace;
    }
  }

  private static final Color START = new Color(30, 200, 70);
  private static final Color END = new Color(235, 30, 30);
  private static final Marker HUMAN = new Marker("annotation (epoch 0)", START, Marker.Glyph.DOT);
  private static final Marker STEP = new Marker("y^ after each SA epoch (green to red)", new Color(240, 140, 40),
      Marker.Glyph.DOT);
  private static final Marker FINAL = new Marker("final y^", END, Marker.Glyph.DOT);

  private TrailFigure() {}

  /**
   * Renders the figure.
   *
   * @param points landmark indices to trace (weak points; at most 4 are zoomed)
   * @param pointNames a name per traced point, for the zoom captions
   * @param inputSize side S of the network input in pixels: distances are reported in input pixels
   * @param cell side of each cell in pixels
   */
  public static BufferedImage render(String title, List<Example> examples, List<Integer> points, List<String> pointNames,
      int inputSize, int cell) {
    if (examples.isEmpty() || points.isEmpty() || points.size() != pointNames.size()) {
      throw new IllegalArgumentException("trail figure needs faces and one name per traced point");
    }
    List<Integer> zoomed = points.subList(0, Math.min(4, points.size()));
    int pad = Canvas.PAD;
    int cols = 1 + zoomed.size();
    int width = pad + cols * (cell + pad);
    int epochs = examples.get(0).pathInFace().size() - 1;
    String subtitle = subtitle(epochs, inputSize);
    int header = Canvas.headerHeight(title, subtitle, width - 2 * pad);
    boolean truth = examples.stream().anyMatch(e -> e.truthInFace().isPresent());
    int rowH = cell + (truth ? 3 : 2) * Canvas.CAPTION_H + pad; // point name, moved, to truth
    List<Marker> markers = new ArrayList<>(List.of(HUMAN, STEP, FINAL));
    if (truth) {
      markers.add(Marker.TRUTH);
    }
    int height = header + examples.size() * rowH + Canvas.legendHeight(markers, width - 2 * pad) + pad;
    BufferedImage img = Canvas.page(width, height);
    Graphics2D g = Canvas.graphics(img);
    Canvas.header(g, title, subtitle, pad, width - 2 * pad);
    int y = header;
    for (Example e : examples) {
      double toInput = (double) inputSize / e.face().getWidth();
      Canvas.face(g, e.face(), pad, y, cell);
      drawPaths(g, e, zoomed, 0, 0, e.face().getWidth(), pad, y, cell, Canvas.radius(cell) * 0.8);
      Canvas.centred(g, e.caption(), Canvas.TEXT, Canvas.INK, pad, y + cell + 1, cell);
      for (int z = 0; z < zoomed.size(); z++) {
        int k = zoomed.get(z);
        double[] box = zoomBox(e, k);
        int x = pad + (1 + z) * (cell + pad);
        drawZoom(g, e, k, box, x, y, cell);
        double fx = Canvas.toCell(box[0] - 0.5, e.face().getWidth(), cell);
        double fy = Canvas.toCell(box[1] - 0.5, e.face().getHeight(), cell);
        double fs = box[2] * cell / e.face().getWidth();
        g.setColor(new Color(255, 255, 255, 200));
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(pad + fx, y + fy, fs, fs));
        Landmarks first = e.pathInFace().get(0);
        Landmarks last = e.pathInFace().get(e.pathInFace().size() - 1);
        Optional<Landmarks> known = e.truthInFace();
        List<String> lines = captions(pointNames.get(z), first.distance(k, last) * toInput,
            known.map(t -> first.distance(k, t) * toInput), known.map(t -> last.distance(k, t) * toInput));
        for (int i = 0; i < lines.size(); i++) {
          Canvas.centred(g, lines.get(i), Canvas.TEXT, i < 2 ? Canvas.INK : Canvas.GREY, x,
              y + cell + 1 + i * Canvas.CAPTION_H, cell);
        }
      }
      y += rowH;
    }
    Canvas.legend(g, markers, pad, y, width - 2 * pad);
    g.dispose();
    return img;
  }

  static String subtitle(int epochs, int inputSize) {
    return "Label path over " + epochs + " SA epoch(s); zooms keep proportions; distances in pixels of the "
        + inputSize + " px input.";
  }

  /** The square zoom window {x0, y0, side} in face pixels: the path's extent, padded, at least 6 % of the face. */
  static double[] zoomBox(Example e, int k) {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    List<Landmarks> all = new ArrayList<>(e.pathInFace());
    e.truthInFace().ifPresent(all::add);
    for (Landmarks l : all) {
      if (Float.isFinite(l.x(k)) && Float.isFinite(l.y(k))) {
        minX = Math.min(minX, l.x(k));
        maxX = Math.max(maxX, l.x(k));
        minY = Math.min(minY, l.y(k));
        maxY = Math.max(maxY, l.y(k));
      }
    }
    double side = Math.max(0.06 * e.face().getWidth(), 1.6 * Math.max(maxX - minX, maxY - minY));
    return new double[] {(minX + maxX) / 2 - side / 2 + 0.5, (minY + maxY) / 2 - side / 2 + 0.5, side};
  }

  /** Draws the face region {@code box} (continuous face coordinates) scaled into the cell. */
  private static void drawZoom(Graphics2D g, Example e, int k, double[] box, int x, int y, int cell) {
    double s = cell / box[2];
    Graphics2D c = (Graphics2D) g.create(x, y, cell, cell);
    c.setColor(Color.BLACK);
    c.fillRect(0, 0, cell, cell);
    c.translate(-box[0] * s, -box[1] * s);
    c.scale(s, s);
    c.drawImage(e.face(), 0, 0, null);
    c.dispose();
    drawPaths(g, e, List.of(k), box[0], box[1], box[2], x, y, cell, Math.max(3, cell / 40.0));
    g.setColor(Canvas.GREY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x, y, cell - 1, cell - 1);
  }

  /**
   * Draws the paths of {@code points} for the face region whose top-left corner is (ox, oy) in
   * continuous image coordinates (pixel k covers [k, k + 1)) and whose side is {@code side},
   * scaled into the cell at (x, y); the whole face is (0, 0, width).
   */
  private static void drawPaths(Graphics2D g, Example e, List<Integer> points, double ox, double oy, double side,
      int x, int y, int cell, double r) {
    Graphics2D c = (Graphics2D) g.create(x, y, cell, cell);
    List<Landmarks> path = e.pathInFace();
    int n = path.size();
    for (int k : points) {
      Path2D line = new Path2D.Double();
      for (int t = 0; t < n; t++) {
        double px = Canvas.toCell(path.get(t).x(k) - ox, side, cell);
        double py = Canvas.toCell(path.get(t).y(k) - oy, side, cell);
        if (t == 0) {
          line.moveTo(px, py);
        } else {
          line.lineTo(px, py);
        }
      }
      c.setColor(new Color(0, 0, 0, 150));
      c.setStroke(new BasicStroke(2.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      c.draw(line);
      c.setColor(Color.WHITE);
      c.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      c.draw(line);
      e.truthInFace().ifPresent(t -> Canvas.marker(c, Marker.TRUTH, Canvas.toCell(t.x(k) - ox, side, cell),
          Canvas.toCell(t.y(k) - oy, side, cell), r * 1.2));
      for (int t = 1; t < n - 1; t++) {
        Color col = blend(START, END, (double) t / (n - 1));
        Canvas.marker(c, new Marker("step", col, Marker.Glyph.DOT), Canvas.toCell(path.get(t).x(k) - ox, side, cell),
            Canvas.toCell(path.get(t).y(k) - oy, side, cell), r * 0.6);
      }
      Canvas.marker(c, HUMAN, Canvas.toCell(path.get(0).x(k) - ox, side, cell),
          Canvas.toCell(path.get(0).y(k) - oy, side, cell), r);
      Canvas.marker(c, FINAL, Canvas.toCell(path.get(n - 1).x(k) - ox, side, cell),
          Canvas.toCell(path.get(n - 1).y(k) - oy, side, cell), r);
    }
    c.dispose();
  }

  private static Color blend(Color a, Color b, double f) {
    return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  /**
   * The caption lines under one zoom: the point's name on a line of its own (long names such as
   * {@code nose_bridge_1} are never cut), the distance moved, and with known truth the distance to it
   * before and after, all in input pixels.
   */
  static List<String> captions(String pointName, double moved, Optional<Double> truthBefore, Optional<Double> truthAfter) {
    List<String> lines = new ArrayList<>();
    lines.add(pointName);
    lines.add(String.format(Locale.ROOT, "moved %.2f px", moved));
    if (truthBefore.isPresent() && truthAfter.isPresent()) {
      lines.add(String.format(Locale.ROOT, "to truth %.2f \u2192 %.2f px", truthBefore.get(), truthAfter.get()));
    }
    return lines;
  }
}
