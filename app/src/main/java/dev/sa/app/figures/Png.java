package dev.sa.app.figures;

import dev.sa.support.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes figures as PNG, atomically (temporary file in the same folder, then rename). */
public final class Png {
  private Png() {}

  /** Writes {@code image} to {@code file}, creating folders; a reader never sees half a file. */
  public static Path write(BufferedImage image, Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException(file + ": no PNG writer in this Java runtime");
      }
    });
    return file;
  }
}
