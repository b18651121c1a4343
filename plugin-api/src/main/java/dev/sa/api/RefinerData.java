package dev.sa.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Training data for a refiner: the trained backbone's predictions on the training faces (without
 * augmentation) and the targets (searched labels y^ after Semantic Alignment, human labels
 * otherwise), all in heatmap pixels.
 */
public interface RefinerData {
  /** Number of faces. */
  int size();

  /** N. */
  int landmarks();

  /** Side h of the heatmaps. */
  int heatmapSize();

  /**
   * Faces {@code [from, to)} as arrays attached to {@code manager}: heatmaps {@code (B, N, h, h)},
   * predicted coordinates {@code (B, N, 2)} and target coordinates {@code (B, N, 2)} in heatmap
   * pixels.
   */
  Batch batch(NDManager manager, int from, int to);

  /** One slice of the training data. */
  record Batch(NDArray heatmaps, NDArray predicted, NDArray target) {}
}
