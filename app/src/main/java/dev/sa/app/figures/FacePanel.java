package dev.sa.app.figures;

import dev.sa.api.Landmarks;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One face of a grid: the face image (any size; it is scaled to the cell), the point layers drawn
 * over it in order (later layers on top) and optional arrows (e.g. refiner corrections, Fig. 5).
 *
 * @param caption one line under the face, e.g. the sample id
 * @param face the face crop; points are given in its pixels
 * @param layers point sets, drawn in order
 * @param arrows point-wise movements, drawn under the layers
 */
public record FacePanel(String caption, BufferedImage face, List<PointLayer> layers, List<Arrows> arrows) {
  /**
   * Lines from {@code from[k]} to {@code to[k]} for every point k that moved at least
   * {@code minLength} face pixels.
   */
  public record Arrows(Landmarks from, Landmarks to, Color color, double minLength) {
    public Arrows {
      if (from == null || to == null || color == null || from.count() != to.count()) {
        throw new IllegalArgumentException("arrows need two point sets of the same size and a colour");
      }
      if (!(minLength >= 0)) {
        throw new IllegalArgumentException("arrows: minLength must be >= 0, got " + minLength);
      }
    }
  }

  public FacePanel {
    if (face == null) {
      throw new IllegalArgumentException("a face panel needs an image");
    }
    caption = caption == null ? "" : caption;
    layers = List.copyOf(layers);
    arrows = arrows == null ? List.of() : List.copyOf(arrows);
  }

  /** A panel without arrows. */
  public static FacePanel of(String caption, BufferedImage face, List<PointLayer> layers) {
    return new FacePanel(caption, face, layers, List.of());
  }
}
