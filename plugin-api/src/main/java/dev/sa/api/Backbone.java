package dev.sa.api;

import ai.djl.nn.Block;

/**
 * A built backbone network.
 *
 * <p>Input: one array {@code (B, 3, S, S)}, RGB scaled to {@code [-0.5, 0.5]}. Output by
 * {@link #output()}:
 * <ul>
 *   <li>{@link Output#HEATMAPS}: {@link #stacks()} arrays of shape {@code (B, N, h, h)}, one per
 *       stack (intermediate supervision); the last is the prediction.</li>
 *   <li>{@link Output#COORDINATES}: one array {@code (B, 2N)}, {@code x0, y0, x1, y1, ...} in crop
 *       pixels divided by S (so in {@code [0, 1]}).</li>
 * </ul>
 */
public record Backbone(Block block, Output output, int stacks) {
  /** What the network predicts. */
  public enum Output { HEATMAPS, COORDINATES }

  public Backbone {
    if (block == null || output == null || stacks < 1) {
      throw new IllegalArgumentException("backbone needs a block, an output kind and stacks >= 1");
    }
  }
}
