package dev.sa.app.figures;

import dev.sa.api.Landmarks;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A grid of faces with points drawn over them, in titled sections (e.g. training faces, then one
 * row per test subset), with one legend for every marker used. Used for the example faces
 * (predicted / annotated / searched / true points) and the refiner corrections (paper Fig. 5).
 */
public final class FaceGrid {
  /** A titled group of faces, laid out in rows of the grid's column count. */
  public record Section(String label, List<FacePanel> panels) {
    public Section {
      label = label == null ? "" : label;
      panels = List.copyOf(panels);
    }
  }

  private FaceGrid() {}

  /**
   * Renders the grid.
   *
   * @param title heading of the figure
   * @param subtitle one explanatory line under the heading, or empty
   * @param sections the groups of faces; empty sections are left out
   * @param columns faces per row
   * @param cell side of each face cell in pixels (e.g. 160)
   */
  public static BufferedImage render(String title, String subtitle, List<Section> sections, int columns, int cell) {
    if (columns < 1 || cell < 16) {
      throw new IllegalArgumentException("face grid needs columns >= 1 and cell >= 16, got " + columns + ", " + cell);
    }
    List<Section> shown = sections.stream().filter(s -> !s.panels().isEmpty()).toList();
    if (shown.isEmpty()) {
      throw new IllegalArgumentException("face grid '" + title + "' has no faces to draw");
    }
    int pad = Canvas.PAD;
    int width = pad + columns * (cell + pad);
    Set<Marker> used = new LinkedHashSet<>();
    for (Section s : shown) {
      for (FacePanel p : s.panels()) {
        p.layers().forEach(l -> used.add(l.marker()));
      }
    }
    List<Marker> markers = new ArrayList<>(used);
    int header = Canvas.headerHeight(title, subtitle, width - 2 * pad);
    int height = header;
    for (Section s : shown) {
      int rows = (s.panels().size() + columns - 1) / columns;
      height += sectionHeader(s) + rows * (cell + Canvas.CAPTION_H + pad);
    }
    height += Canvas.legendHeight(markers, width - 2 * pad) + pad;
    BufferedImage img = Canvas.page(width, height);
    Graphics2D g = Canvas.graphics(img);
    Canvas.header(g, title, subtitle, pad, width - 2 * pad);
    int y = header;
    for (Section s : shown) {
      if (sectionHeader(s) > 0) {
        Canvas.text(g, s.label(), Canvas.SECTION, Canvas.INK, pad, y + 2, width - 2 * pad);
        y += sectionHeader(s);
      }
      for (int i = 0; i < s.panels().size(); i++) {
        int col = i % columns;
        if (i > 0 && col == 0) {
          y += cell + Canvas.CAPTION_H + pad;
        }
        drawPanel(g, s.panels().get(i), pad + col * (cell + pad), y, cell);
      }
      y += cell + Canvas.CAPTION_H + pad;
    }
    Canvas.legend(g, markers, pad, y, width - 2 * pad);
    g.dispose();
    return img;
  }

  private static int sectionHeader(Section s) {
    return s.label().isBlank() ? 0 : 18;
  }

  /** Draws one face with its arrows and layers into the cell at (x, y), caption below. */
  static void drawPanel(Graphics2D g, FacePanel p, int x, int y, int cell) {
    Canvas.face(g, p.face(), x, y, cell);
    double w = p.face().getWidth();
    double h = p.face().getHeight();
    Graphics2D c = (Graphics2D) g.create(x, y, cell, cell);
    for (FacePanel.Arrows a : p.arrows()) {
      for (int k = 0; k < a.from().count(); k++) {
        if (!finite(a.from(), k) || !finite(a.to(), k) || a.from().distance(k, a.to()) < a.minLength()) {
          continue;
        }
        c.setColor(a.color());
        c.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        c.draw(new Line2D.Double(Canvas.toCell(a.from().x(k), w, cell), Canvas.toCell(a.from().y(k), h, cell),
            Canvas.toCell(a.to().x(k), w, cell), Canvas.toCell(a.to().y(k), h, cell)));
      }
    }
    double r = Canvas.radius(cell);
    for (PointLayer l : p.layers()) {
      Landmarks pts = l.inFace();
      for (int k = 0; k < pts.count(); k++) {
        if (finite(pts, k)) {
          Canvas.marker(c, l.marker(), Canvas.toCell(pts.x(k), w, cell), Canvas.toCell(pts.y(k), h, cell), r);
        }
      }
    }
    c.dispose();
    Canvas.centred(g, p.caption(), Canvas.TEXT, Canvas.INK, x, y + cell + 1, cell);
  }

  static boolean finite(Landmarks l, int k) {
    return Float.isFinite(l.x(k)) && Float.isFinite(l.y(k));
  }
}
