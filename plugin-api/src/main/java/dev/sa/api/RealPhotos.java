package dev.sa.api;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Real photos with known faces for checking a {@link FaceDetector}: scikit-image's sample data as
 * Debian's {@code python3-skimage} ships it, fetched by {@code tools/test-photos.sh} into a folder
 * (nothing licensed is committed). Used by the {@code opencv} detector's tests and by
 * {@code sa bench --parts detector}; a third-party detector can check itself the same way.
 *
 * <ul>
 *   <li>{@code astronaut.png}: one frontal face, {@link #ASTRONAUT_FACE}.
 *   <li>{@code lfw_subset.npy}: 100 face and 100 non-face crops (25 x 25 px, gray) from Labeled
 *       Faces in the Wild, laid out by {@link #mosaic} at a chosen face size.
 *   <li>{@link #NEGATIVES}: 15 photos and scans without a human face.
 * </ul>
 */
public final class RealPhotos {
  /** System property naming the folder; default {@code ~/.cache/sa/test-photos}. */
  public static final String PROPERTY = "sa.testPhotos";
  /** The astronaut's face, brows-to-chin wide, hand-marked on the 512 x 512 photo (pixel centres). */
  public static final FaceBox ASTRONAUT_FACE = new FaceBox(180, 76, 270, 176);
  /** Photos without a human face: any detection on them is a false one. */
  public static final List<String> NEGATIVES = List.of("chelsea.png", "coffee.png", "rocket.jpg",
      "motorcycle_left.png", "hubble_deep_field.jpg", "retina.jpg", "text.png", "coins.png", "page.png",
      "ihc.png", "grass.png", "gravel.png", "brick.png", "horse.png", "moon.png");
  /** Side of one crop in {@code lfw_subset.npy}. */
  public static final int LFW_SIDE = 25;
  /** Crops per mosaic row. */
  private static final int COLUMNS = 10;

  private RealPhotos() {}

  /** The folder if it holds the photos (the property's, else the default), else empty. */
  public static Optional<Path> dir() {
    String p = System.getProperty(PROPERTY);
    Path dir = p != null && !p.isBlank() ? Path.of(p)
        : Path.of(System.getProperty("user.home"), ".cache", "sa", "test-photos");
    return Files.isRegularFile(dir.resolve("astronaut.png")) && Files.isRegularFile(dir.resolve("lfw_subset.npy"))
        ? Optional.of(dir) : Optional.empty();
  }

  /** One photo of the folder. */
  public static BufferedImage read(Path dir, String name) throws IOException {
    BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
    if (image == null) {
      throw new IOException(dir.resolve(name) + ": not a readable image");
    }
    return image;
  }

  /**
   * The 200 crops of {@code lfw_subset.npy} (NumPy format 1.0, little-endian float64, C order,
   * shape (200, 25, 25), values 0..1): faces 0..99, non-faces 100..199.
   */
  public static float[][][] lfw(Path dir) throws IOException {
    Path file = dir.resolve("lfw_subset.npy");
    byte[] b = Files.readAllBytes(file);
    if (b.length < 10 || b[0] != (byte) 0x93 || b[6] != 1) {
      throw new IOException(file + ": not a NumPy 1.x file");
    }
    int headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8;
    String header = new String(b, 10, headerLength, StandardCharsets.ISO_8859_1);
    if (!header.contains("'<f8'") || !header.contains("(200, 25, 25)") || header.contains("'fortran_order': True")) {
      throw new IOException(file + ": expected shape (200, 25, 25) of '<f8' in C order, header " + header.trim());
    }
    ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLength, b.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
    float[][][] crops = new float[200][LFW_SIDE][LFW_SIDE];
    for (float[][] crop : crops) {
      for (float[] row : crop) {
        for (int x = 0; x < LFW_SIDE; x++) {
          row[x] = (float) data.getDouble();
        }
      }
    }
    return crops;
  }

  /**
   * Crops {@code from..to-1} enlarged to {@code side} px (bilinear) on a mid-gray canvas, ten to a
   * row, each in a cell with {@code side / 3} px of margin on every side.
   */
  public static Mosaic mosaic(float[][][] crops, int from, int to, int side) {
    int pad = side / 3;
    int cell = side + 2 * pad;
    int n = to - from;
    int rows = (n + COLUMNS - 1) / COLUMNS;
    BufferedImage image = new BufferedImage(COLUMNS * cell, rows * cell, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(new Color(128, 128, 128));
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      for (int i = 0; i < n; i++) {
        g.drawImage(gray(crops[from + i]), (i % COLUMNS) * cell + pad, (i / COLUMNS) * cell + pad, side, side, null);
      }
    } finally {
      g.dispose();
    }
    return new Mosaic(image, n, side, cell);
  }

  private static BufferedImage gray(float[][] crop) {
    BufferedImage t = new BufferedImage(LFW_SIDE, LFW_SIDE, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < LFW_SIDE; y++) {
      for (int x = 0; x < LFW_SIDE; x++) {
        int v = Math.max(0, Math.min(255, Math.round(crop[y][x] * 255)));
        t.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    return t;
  }

  /**
   * A mosaic of {@code count} crops of {@code side} px in square cells of {@code cell} px.
   *
   * @param image the canvas
   */
  public record Mosaic(BufferedImage image, int count, int side, int cell) {
    /**
     * Detections matched to crops: a box matches the crop whose cell holds its centre when the
     * centre lies within 0.3 side of the cell's centre and its width within 0.4..2 sides; one box
     * per crop. Every other box is {@link Score#others()}.
     */
    public Score score(List<FaceBox> boxes) {
      boolean[] hit = new boolean[count];
      int others = 0;
      for (FaceBox b : boxes) {
        int col = (int) Math.floor(b.centerX() / cell);
        int row = (int) Math.floor(b.centerY() / cell);
        int i = row * COLUMNS + col;
        boolean near = col >= 0 && col < COLUMNS && i >= 0 && i < count
            && Math.abs(b.centerX() - (col + 0.5) * cell) < 0.3 * side
            && Math.abs(b.centerY() - (row + 0.5) * cell) < 0.3 * side
            && b.width() > 0.4 * side && b.width() < 2 * side;
        if (near && !hit[i]) {
          hit[i] = true;
        } else {
          others++;
        }
      }
      List<Integer> found = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (hit[i]) {
          found.add(i);
        }
      }
      return new Score(found, others);
    }
  }

  /**
   * @param found indices (within the mosaic) of the crops matched by a box
   * @param others boxes that matched no crop
   */
  public record Score(List<Integer> found, int others) {}
}
