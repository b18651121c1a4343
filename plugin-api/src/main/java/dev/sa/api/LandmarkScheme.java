package dev.sa.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the landmarks of a data set mean, declared as data by the data set plugin.
 *
 * @param name e.g. {@code ibug68}, {@code aflw19}
 * @param pointNames one name per landmark, in order
 * @param flipPairs left/right pairs swapped by a horizontal flip
 * @param normalizations every normaliser this data set supports; the first is the default NME
 * @param weakPoints landmarks with weak semantics (evenly spaced along a contour), paper Section 3
 */
public record LandmarkScheme(
    String name,
    List<String> pointNames,
    List<FlipPair> flipPairs,
    List<Normalization> normalizations,
    Set<Integer> weakPoints) {

  public LandmarkScheme {
    pointNames = List.copyOf(pointNames);
    flipPairs = List.copyOf(flipPairs);
    normalizations = List.copyOf(normalizations);
    weakPoints = Set.copyOf(new TreeSet<>(weakPoints));
    int n = pointNames.size();
    if (n == 0) {
      throw new IllegalArgumentException("scheme " + name + " has no points");
    }
    if (normalizations.isEmpty()) {
      throw new IllegalArgumentException("scheme " + name + " declares no normaliser");
    }
    for (FlipPair p : flipPairs) {
      if (p.left() >= n || p.right() >= n) {
        throw new IllegalArgumentException("scheme " + name + ": flip pair " + p + " outside 0.." + (n - 1));
      }
    }
    for (int w : weakPoints) {
      if (w < 0 || w >= n) {
        throw new IllegalArgumentException("scheme " + name + ": weak point " + w + " outside 0.." + (n - 1));
      }
    }
  }

  public int count() {
    return pointNames.size();
  }

  /** The default normaliser (the first declared). */
  public Normalization defaultNormalization() {
    return normalizations.get(0);
  }

  /** The normaliser with this name, or an invalid-input error listing the valid names. */
  public Normalization normalization(String normName) {
    List<String> names = new ArrayList<>();
    for (Normalization n : normalizations) {
      if (n.name().equals(normName)) {
        return n;
      }
      names.add(n.name());
    }
    throw SaException.invalidInput("unknown normaliser '" + normName + "' for scheme " + name + "; valid: " + names);
  }

  /** Index permutation of a horizontal flip: {@code perm[i]} is the point that lands on i. */
  public int[] flipPermutation() {
    int[] perm = new int[count()];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    for (FlipPair p : flipPairs) {
      perm[p.left()] = p.right();
      perm[p.right()] = p.left();
    }
    return perm;
  }

  public boolean isWeak(int point) {
    return weakPoints.contains(point);
  }

  /** A left/right pair of landmark indices. */
  public record FlipPair(int left, int right) {}
}
