package dev.sa.plugins.synthetic;

import java.awt.Color;
import java.awt.Shape;
import java.util.List;

/**
 * One occluding object in image coordinates, drawn over the face; a landmark inside any part is
 * occluded (recorded for the appearance noise model only; every point stays visible).
 */
record Occluder(String kind, List<Shape> parts, Color color) {
  Occluder {
    parts = List.copyOf(parts);
  }

  boolean covers(double x, double y) {
    for (Shape s : parts) {
      if (s.contains(x, y)) {
        return true;
      }
    }
    return false;
  }
}
