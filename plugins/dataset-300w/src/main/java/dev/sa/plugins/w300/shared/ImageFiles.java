package dev.sa.plugins.w300.shared;

import dev.sa.api.ImageSource;
import dev.sa.api.Landmarks;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image files of a data set: the size from the header alone (opening thousands of samples must
 * not decode thousands of images), lazy decoding, and the "far outside the image" check.
 */
public final class ImageFiles {
  /** Larger sides are treated as broken files, not faces: 20000 px would be 1.2 GB decoded. */
  public static final int MAX_SIDE = 20000;

  /**
   * A point may lie outside the image (occluded jaw points near the border do), but not further
   * than this fraction of the image's larger side: then the annotation belongs to another image
   * or uses another unit.
   */
  public static final double FAR_OUTSIDE_FRACTION = 0.5;

  private ImageFiles() {}

  /** Width and height of an image in pixels. */
  public record Size(int width, int height) {
    public Size {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
      }
    }
  }

  /**
   * Reads the image size from the file header without decoding the pixels.
   *
   * @throws MalformedFileException when the file is missing, not a readable image, or has a side
   *     above {@link #MAX_SIDE}
   */
  public static Size readSize(Path file) throws MalformedFileException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new MalformedFileException(name, 0, "missing image");
    }
    int width;
    int height;
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new MalformedFileException(name, 0, "unreadable image: not a format ImageIO knows (use .jpg or .png)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        width = reader.getWidth(0);
        height = reader.getHeight(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new MalformedFileException(name, 0, "unreadable image header: " + e.getMessage());
    }
    if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new MalformedFileException(name, 0,
          "image of " + width + " x " + height + " px; valid sides are 1.." + MAX_SIDE + " px");
    }
    return new Size(width, height);
  }

  /**
   * The index of the first point further outside the image than {@link #FAR_OUTSIDE_FRACTION} of
   * its larger side, or -1 when every point is near enough.
   */
  public static int firstFarOutside(Landmarks inImage, Size size) {
    double margin = FAR_OUTSIDE_FRACTION * Math.max(size.width(), size.height());
    for (int p = 0; p < inImage.count(); p++) {
      float x = inImage.x(p);
      float y = inImage.y(p);
      if (x < -margin || y < -margin || x > size.width() - 1 + margin || y > size.height() - 1 + margin) {
        return p;
      }
    }
    return -1;
  }

  /** Text for a far-outside problem, naming the point and the image size. */
  public static String farOutsideMessage(Landmarks inImage, int point, Size size) {
    return "point " + point + " at (" + inImage.x(point) + ", " + inImage.y(point) + ") (0-based) lies far outside the "
        + size.width() + " x " + size.height() + " image";
  }

  /** An image decoded with ImageIO on each {@link ImageSource#load()}; nothing is cached. */
  public static ImageSource lazy(Path file) {
    return new FileImage(file);
  }

  private record FileImage(Path file) implements ImageSource {
    @Override
    public BufferedImage load() throws IOException {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null) {
        throw new IOException(file + ": not an image ImageIO can decode");
      }
      return image;
    }

    @Override
    public String describe() {
      return file.toString();
    }
  }
}
