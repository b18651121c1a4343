package dev.sa.app.figures;

import java.awt.Color;

/**
 * How one kind of point is drawn: a legend label, a colour and a glyph. Glyphs differ as well as
 * colours, so the figures stay readable in grey scale and for colour-blind readers.
 *
 * @param label legend text, e.g. {@code annotation (human)}
 * @param color fill or stroke colour
 * @param glyph the shape
 */
public record Marker(String label, Color color, Glyph glyph) {
  /** Marker shapes. */
  public enum Glyph { DOT, RING, CROSS, PLUS, DIAMOND, SQUARE }

  /** The human annotation o (paper Figs. 1, 2: green dots). */
  public static final Marker ANNOTATION = new Marker("annotation (human)", new Color(30, 200, 70), Glyph.DOT);
  /** The detector's decoded prediction (paper: red dots). */
  public static final Marker PREDICTED = new Marker("predicted", new Color(235, 30, 30), Glyph.CROSS);
  /** The searched 'real' ground truth y^ (paper Section 4.4). */
  public static final Marker SEARCHED = new Marker("searched y^", new Color(40, 110, 255), Glyph.DIAMOND);
  /** The true landmarks, known only for synthetic data. */
  public static final Marker TRUTH = new Marker("true", new Color(255, 215, 0), Glyph.PLUS);
  /** Backbone prediction before the refiner (paper Fig. 5). */
  public static final Marker BEFORE_REFINER = new Marker("before refiner", new Color(235, 30, 30), Glyph.CROSS);
  /** Prediction after the refiner (GHCU or PCA). */
  public static final Marker AFTER_REFINER = new Marker("after refiner", new Color(0, 220, 255), Glyph.DOT);

  public Marker {
    if (label == null || label.isBlank() || color == null || glyph == null) {
      throw new IllegalArgumentException("a marker needs a label, a colour and a glyph");
    }
  }

  /** The same glyph and colour under another legend label. */
  public Marker withLabel(String newLabel) {
    return new Marker(newLabel, color, glyph);
  }
}
