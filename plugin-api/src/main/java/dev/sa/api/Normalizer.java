package dev.sa.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Predicts the in-plane rotation of faces from their crops (the angle contract below), so that the
 * host can rotate each crop upright before the backbone.
 *
 * <p>The angle: degrees in {@code (-180, 180]}, of the face's eye line in the crop relative to the
 * training faces' mean eye line, in the crop's pixel axes (x right, y down; positive turns +x
 * towards +y). The host rotates a crop by {@code -angle} to make the face upright.
 */
public interface Normalizer extends AutoCloseable {
  /** Side of the square {@code (3, S, S)} crops this normaliser reads (the host renders them). */
  int cropSize();

  /**
   * Trains on the training faces.
   *
   * @param log receives one human-readable progress line at a time
   */
  void fit(NormalizerData data, Consumer<String> log);

  /**
   * Angles of a batch of upright-unknown crops.
   *
   * @param crops {@code (count, 3, S, S)} channel-major, RGB in {@code [-0.5, 0.5]}
   * @return {@code count} angles in degrees (see the class comment)
   */
  float[] predict(float[] crops, int count);

  /** Writes the trained state under {@code dir} (atomically: temp file, then rename). */
  void save(Path dir) throws IOException;

  /** Reads what {@link #save} wrote. */
  void load(Path dir) throws IOException;

  @Override
  default void close() {}
}
