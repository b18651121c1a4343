package dev.sa.plugins.w300;

import dev.sa.api.Landmarks;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/** Writes tiny 300W fixtures in the exact official formats. */
final class Fixtures {
  static final int SIZE = 64;

  private Fixtures() {}

  /** 68 points on an ellipse inside a 64 x 64 image, 0-based, shifted by {@code offset}. */
  static Landmarks face(double offset) {
    float[] xy = new float[136];
    for (int i = 0; i < 68; i++) {
      double a = 2 * Math.PI * i / 68;
      xy[2 * i] = (float) (32 + offset + 20 * Math.cos(a));
      xy[2 * i + 1] = (float) (30 + offset + 24 * Math.sin(a));
    }
    return Landmarks.of(xy);
  }

  /** The text of an official .pts (two spaces after n_points:, 3 decimals, 1-based). */
  static String pts(Landmarks inImage) {
    StringBuilder b = new StringBuilder("version: 1\nn_points:  " + inImage.count() + "\n{\n");
    for (int i = 0; i < inImage.count(); i++) {
      b.append(String.format(Locale.ROOT, "%.3f %.3f%n", inImage.x(i) + 1, inImage.y(i) + 1));
    }
    return b.append("}\n").toString();
  }

  static void image(Path file, int width, int height) {
    try {
      Files.createDirectories(file.getParent());
      BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(new Color(90, 120, 150));
      g.fillRect(0, 0, width, height);
      g.dispose();
      String fmt = file.toString().toLowerCase(Locale.ROOT).endsWith(".png") ? "png" : "jpg";
      if (!ImageIO.write(img, fmt, file.toFile())) {
        throw new IllegalStateException("no writer for " + fmt);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void text(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An image and its .pts: {@code folder/base.jpg} and {@code folder/base.pts}. */
  static void sample(Path root, String folder, String base, Landmarks inImage) {
    image(root.resolve(folder).resolve(base + ".jpg"), SIZE, SIZE);
    text(root.resolve(folder).resolve(base + ".pts"), pts(inImage));
  }

  /** One official box file with {@code [x1 y1 x2 y2]} 1-based boxes per image name. */
  static void boxes(Path file, String[] imageNames, double[][] detector, double[][] groundTruth) throws IOException {
    Files.createDirectories(file.getParent());
    Cell cell = Mat5.newCell(1, imageNames.length);
    for (int i = 0; i < imageNames.length; i++) {
      Struct s = Mat5.newStruct();
      s.set("imgName", Mat5.newString(imageNames[i]));
      s.set("bb_detector", row(detector[i]));
      s.set("bb_ground_truth", row(groundTruth[i]));
      cell.set(i, s);
    }
    Mat5.writeToFile(Mat5.newMatFile().addArray("bounding_boxes", cell), file.toFile());
  }

  private static Matrix row(double[] v) {
    Matrix m = Mat5.newMatrix(1, v.length);
    for (int i = 0; i < v.length; i++) {
      m.setDouble(i, v[i]);
    }
    return m;
  }
}
