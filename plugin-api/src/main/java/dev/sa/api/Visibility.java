package dev.sa.api;

import java.util.Arrays;

/** Per-landmark visibility mask (AFLW's {@code mask_new}); immutable. */
public final class Visibility {
  private final boolean[] visible;

  private Visibility(boolean[] visible) {
    this.visible = visible;
  }

  public static Visibility all(int count) {
    boolean[] v = new boolean[count];
    Arrays.fill(v, true);
    return new Visibility(v);
  }

  public static Visibility of(boolean[] visible) {
    return new Visibility(visible.clone());
  }

  public int count() {
    return visible.length;
  }

  public boolean isVisible(int i) {
    return visible[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Visibility other && Arrays.equals(visible, other.visible);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(visible);
  }
}
