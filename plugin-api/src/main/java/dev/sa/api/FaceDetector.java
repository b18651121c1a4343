package dev.sa.api;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds faces in an image. An instance is used by one thread at a time (the host creates one per
 * thread when it detects in parallel), so implementations need not be thread-safe.
 */
public interface FaceDetector extends AutoCloseable {
  /**
   * Every face found in {@code image}, best score first; an empty list when there is none.
   *
   * @param image any {@link BufferedImage} type (colour or gray); the detector must not modify it
   * @return boxes in image pixels (0-based pixel centres, as {@link FaceBox} everywhere), inside or
   *     overlapping the image, with the detector's score
   */
  List<DetectedFace> detect(BufferedImage image);

  @Override
  default void close() {}
}
