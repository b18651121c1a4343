package dev.sa.api;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** A lazily decoded image: decoding happens on the data pipeline's worker threads, not at open. */
public interface ImageSource {
  /** Decodes the image. Implementations must be thread-safe and must not cache large buffers. */
  BufferedImage load() throws IOException;

  /** Where the image comes from (file path, video and frame), used in error messages. */
  String describe();
}
