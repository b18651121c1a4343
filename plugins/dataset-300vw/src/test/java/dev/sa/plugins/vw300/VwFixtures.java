package dev.sa.plugins.vw300;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Writes tiny 300-VW fixtures: annot/NNNNNN.pts in the official form, frames as PNG. */
final class VwFixtures {
  static final int WIDTH = 64;
  static final int HEIGHT = 48;

  private VwFixtures() {}

  /** 68 points (0-based) on an ellipse inside a 64 x 48 frame, moved right by {@code dx}. */
  static float[] face(double dx) {
    float[] xy = new float[136];
    for (int i = 0; i < 68; i++) {
      double a = 2 * Math.PI * i / 68;
      xy[2 * i] = (float) (32 + dx + 14 * Math.cos(a));
      xy[2 * i + 1] = (float) (24 + 16 * Math.sin(a));
    }
    return xy;
  }

  /** The official text: 1-based, CRLF as in the 300-VW release. */
  static String pts(float[] xy) {
    StringBuilder b = new StringBuilder("version: 1\r\nn_points:  68\r\n{\r\n");
    for (int i = 0; i < xy.length; i += 2) {
      b.append(String.format(Locale.ROOT, "%.3f %.3f\r\n", xy[i] + 1, xy[i + 1] + 1));
    }
    return b.append("}\r\n").toString();
  }

  static String frameName(int frame) {
    return String.format(Locale.ROOT, "%06d", frame);
  }

  static void annotation(Path root, String video, int frame, float[] xy) {
    text(root.resolve(video).resolve("annot").resolve(frameName(frame) + ".pts"), pts(xy));
  }

  static BufferedImage gray(int level) {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(level, level, level));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.dispose();
    return img;
  }

  static void frame(Path root, String video, int frame, int level) {
    try {
      Path file = root.resolve(video).resolve("frames").resolve(frameName(frame) + ".png");
      Files.createDirectories(file.getParent());
      ImageIO.write(gray(level), "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void text(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mean of the blue channel, enough to tell gray frames apart. */
  static double meanLevel(BufferedImage img) {
    double sum = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        sum += img.getRGB(x, y) & 0xff;
      }
    }
    return sum / (img.getWidth() * img.getHeight());
  }
}
