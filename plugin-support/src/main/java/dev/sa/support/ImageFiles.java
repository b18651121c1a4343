package dev.sa.support;

import dev.sa.api.ImageSource;
import dev.sa.api.Landmarks;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image files of a data set: the size from the header alone (opening thousands of samples must
 * not decode thousands of images) with a check that the file is complete, decoding bounded in
 * memory before any pixel is allocated, lazy decoding, and the "far outside the image" check.
 */
public final class ImageFiles {
  /** Larger sides are treated as broken files, not faces: 20000 px would be 1.2 GB decoded. */
  public static final int MAX_SIDE = 20000;

  /**
   * Most bytes one decoded image may take (4 per pixel, ImageIO's widest common layout): 256 MiB,
   * a 8000 x 8000 photo, and never more than a quarter of the heap.
   */
  public static final long MAX_DECODED_BYTES = 256L << 20;
  private static final int BYTES_PER_PIXEL = 4;

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
   * <p>A PNG or JPEG must also be complete: its chunks or segments are walked and its end marker
   * found, which reads a few bytes per chunk and the file's tail, not the pixels.
   *
   * @throws MalformedFileException when the file is missing, not a readable image, cut short, or
   *     has a side above {@link #MAX_SIDE}
   */
  public static Size readSize(Path file) throws MalformedFileException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new MalformedFileException(name, 0, "missing image");
    }
    int[] wh = withReader(file, "unreadable image header", r -> new int[] {r.getWidth(0), r.getHeight(0)});
    int width = wh[0];
    int height = wh[1];
    if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new MalformedFileException(name, 0,
          "image of " + width + " x " + height + " px; valid sides are 1.." + MAX_SIDE + " px");
    }
    String broken;
    try {
      broken = ImageStructure.problem(file);
    } catch (IOException e) {
      throw new MalformedFileException(name, 0, "unreadable image: " + e.getMessage());
    }
    if (broken != null) {
      throw new MalformedFileException(name, 0, broken);
    }
    return new Size(width, height);
  }

  /**
   * {@link #readSize}, and a check that the size the header declares fits
   * {@link #decodeBudget()}: what a file must pass before {@link #decode} allocates pixels.
   */
  public static Size readDecodableSize(Path file) throws MalformedFileException {
    Size size = readSize(file);
    long bytes = (long) size.width() * size.height() * BYTES_PER_PIXEL;
    long budget = decodeBudget();
    if (bytes > budget) {
      throw new MalformedFileException(file.toString(), 0, "image of " + size.width() + " x " + size.height()
          + " px needs " + (bytes >> 20) + " MiB decoded; at most " + (budget >> 20) + " MiB per image (about "
          + (long) Math.sqrt((double) budget / BYTES_PER_PIXEL) + " px square)");
    }
    return size;
  }

  /**
   * Decodes {@code file} after {@link #readDecodableSize}'s checks; a warning of the decoder (a
   * JPEG whose data ends early is decoded grey with only a warning) fails it too.
   *
   * @throws MalformedFileException naming what is wrong: missing, cut short, too large, damaged
   */
  public static BufferedImage decode(Path file) throws MalformedFileException {
    readDecodableSize(file);
    return withReader(file, "damaged image data", reader -> {
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      BufferedImage image = reader.read(0);
      if (!warnings.isEmpty()) {
        throw new MalformedFileException(file.toString(), 0, "damaged image: " + TextFiles.quote(warnings.get(0)));
      }
      return image;
    });
  }

  /** One step with an image reader set on the file. */
  private interface ReaderStep<T> {
    T apply(ImageReader reader) throws IOException, MalformedFileException;
  }

  /**
   * Runs {@code step} with ImageIO's reader for {@code file}; an I/O or decoder error becomes a
   * problem starting with {@code failure}.
   */
  private static <T> T withReader(Path file, String failure, ReaderStep<T> step) throws MalformedFileException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new MalformedFileException(file.toString(), 0,
            "unreadable image: not a format ImageIO reads (png, jpg, bmp)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return step.apply(reader);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new MalformedFileException(file.toString(), 0, failure + ": " + m.replaceAll("\\s+", " ").strip());
    }
  }

  /** {@link #MAX_DECODED_BYTES}, or a quarter of the heap when that is less. */
  public static long decodeBudget() {
    return Math.min(MAX_DECODED_BYTES, Runtime.getRuntime().maxMemory() / 4);
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

  /** An image {@link #decode decoded} on each {@link ImageSource#load()}; nothing is cached. */
  public static ImageSource lazy(Path file) {
    return new FileImage(file);
  }

  private record FileImage(Path file) implements ImageSource {
    @Override
    public BufferedImage load() throws IOException {
      try {
        return decode(file);
      } catch (MalformedFileException e) {
        throw new IOException(e.problem().toString(), e);
      }
    }

    @Override
    public String describe() {
      return file.toString();
    }
  }
}
