package dev.sa.plugins.synthetic;

import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import java.util.ArrayList;
import java.util.List;

/**
 * The contours of the iBUG 68-point scheme as chains of landmark indices, used by the noise
 * models: a weak point's tangent comes from its neighbours on the same contour, and the annotator
 * conventions act on the sections of a contour between strong points.
 */
final class Contours {
  /** A chain of landmarks along one facial contour, in scheme order; a closed one wraps around. */
  record Contour(String name, List<Integer> points, boolean closed) {
    Contour {
      points = List.copyOf(points);
    }
  }

  static final List<Contour> IBUG68 = List.of(
      new Contour("jaw", range(0, 16), false),
      new Contour("brow_a", range(17, 21), false),
      new Contour("brow_b", range(22, 26), false),
      new Contour("nose_bridge", range(27, 30), false),
      new Contour("nose_base", range(31, 35), false),
      new Contour("eye_a", range(36, 41), true),
      new Contour("eye_b", range(42, 47), true),
      new Contour("mouth_outer", range(48, 59), true),
      new Contour("mouth_inner", range(60, 67), true));

  static final int POINTS = 68;

  private static final int[] PREV = new int[POINTS];
  private static final int[] NEXT = new int[POINTS];

  static {
    for (Contour c : IBUG68) {
      List<Integer> p = c.points();
      int n = p.size();
      for (int k = 0; k < n; k++) {
        int prev = c.closed() ? (k - 1 + n) % n : Math.max(0, k - 1);
        int next = c.closed() ? (k + 1) % n : Math.min(n - 1, k + 1);
        PREV[p.get(k)] = p.get(prev);
        NEXT[p.get(k)] = p.get(next);
      }
    }
  }

  private Contours() {}

  /**
   * Unit tangent of every point, {@code (N, 2)}: the direction from its previous to its next
   * neighbour on its contour (one-sided at the ends of an open contour), pointing in scheme order.
   */
  static double[][] tangents(Landmarks points) {
    double[][] t = new double[POINTS][2];
    for (int i = 0; i < POINTS; i++) {
      double dx = points.x(NEXT[i]) - points.x(PREV[i]);
      double dy = points.y(NEXT[i]) - points.y(PREV[i]);
      double len = Math.hypot(dx, dy);
      if (len > 1e-9) {
        t[i][0] = dx / len;
        t[i][1] = dy / len;
      } else {
        t[i][0] = 1;
      }
    }
    return t;
  }

  /**
   * The sections of every contour between strong points, each in scheme order with its strong
   * anchors included; sections without a weak point are left out. An open contour whose ends are
   * weak (the jaw) is one section. Section {@code s}, point {@code k} sits at fraction
   * {@code k / (size - 1)} along it.
   */
  static List<List<Integer>> sections(LandmarkScheme scheme) {
    List<List<Integer>> out = new ArrayList<>();
    for (Contour c : IBUG68) {
      List<Integer> seq = new ArrayList<>(c.points());
      if (c.closed()) {
        int start = -1;
        for (int k = 0; k < seq.size(); k++) {
          if (!scheme.isWeak(seq.get(k))) {
            start = k;
            break;
          }
        }
        if (start < 0) {
          throw new IllegalStateException("closed contour " + c.name() + " has no strong anchor");
        }
        List<Integer> rotated = new ArrayList<>(seq.subList(start, seq.size()));
        rotated.addAll(seq.subList(0, start));
        rotated.add(rotated.get(0));
        seq = rotated;
      }
      List<Integer> current = new ArrayList<>();
      for (int k = 0; k < seq.size(); k++) {
        int p = seq.get(k);
        current.add(p);
        boolean anchor = !scheme.isWeak(p);
        if ((anchor && current.size() > 1) || k == seq.size() - 1) {
          addIfWeak(out, current, scheme);
          current = new ArrayList<>();
          if (anchor) {
            current.add(p);
          }
        }
      }
    }
    return out;
  }

  private static void addIfWeak(List<List<Integer>> out, List<Integer> section, LandmarkScheme scheme) {
    for (int p : section) {
      if (scheme.isWeak(p)) {
        out.add(List.copyOf(section));
        return;
      }
    }
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> r = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      r.add(i);
    }
    return r;
  }
}
