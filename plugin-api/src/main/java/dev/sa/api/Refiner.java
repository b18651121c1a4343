package dev.sa.api;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A post-processing step from heatmaps and decoded coordinates to corrected coordinates: GHCU
 * (paper Section 4.5, Table 1) or PCA shape refinement (Table 8).
 */
public interface Refiner extends AutoCloseable {
  /**
   * Fits or trains the refiner.
   *
   * @param log receives one human-readable progress line at a time
   */
  void fit(RefinerData data, Consumer<String> log);

  /**
   * Corrects a batch.
   *
   * @param heatmaps {@code (B, N, h, h)} the backbone's last-stack heatmaps
   * @param predicted {@code (B, N, 2)} decoded coordinates in heatmap pixels
   * @return {@code (B, N, 2)} corrected coordinates in heatmap pixels, on the same manager
   */
  NDArray refine(NDArray heatmaps, NDArray predicted);

  /** Writes the fitted state under {@code dir} (atomically: temp file, then rename). */
  void save(Path dir) throws IOException;

  /** Reads what {@link #save} wrote. */
  void load(Path dir) throws IOException;

  @Override
  default void close() {}
}
