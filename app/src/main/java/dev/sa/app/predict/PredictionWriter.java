package dev.sa.app.predict;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.figures.Png;
import dev.sa.app.run.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Writes the predictions of {@code sa predict}, every file atomically (temp file, then rename):
 *
 * <pre>
 * OUT/landmarks.csv          image,point,x,y   (image pixels, 0-based pixel centres, as 'sa align')
 * OUT/boxes.csv              image,x_min,y_min,x_max,y_max,source   (the face box each image used)
 * OUT/pts/STEM.pts           300W .pts, 1-based (as 'sa align' exports them)
 * OUT/overlays/STEM.png      the image with the box and the points drawn
 * </pre>
 *
 * STEM is the image's file name without its extension; images with the same stem get {@code -2},
 * {@code -3}, ... in input order.
 */
public final class PredictionWriter {
  private PredictionWriter() {}

  /** Output stems of {@code images}: their file names without extension, made unique (ignoring case). */
  public static List<String> stems(List<InputImages.Image> images) {
    List<String> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (InputImages.Image im : images) {
      String base = im.stem();
      String s = base;
      for (int k = 2; !taken.add(s.toLowerCase(Locale.ROOT)); k++) {
        s = base + "-" + k;
      }
      out.add(s);
    }
    return out;
  }

  /** Writes every output file under {@code dir}. */
  public static void write(Path dir, List<InputImages.Image> images, List<FaceBoxes.Chosen> boxes,
      List<Landmarks> landmarks) throws IOException {
    List<String> stems = stems(images);
    StringBuilder csv = new StringBuilder("image,point,x,y\n");
    StringBuilder box = new StringBuilder(FaceBoxes.HEADER + ",source\n");
    for (int i = 0; i < images.size(); i++) {
      String id = FaceBoxes.csvField(images.get(i).path().toString());
      Landmarks l = landmarks.get(i);
      for (int k = 0; k < l.count(); k++) {
        csv.append(id).append(',').append(k).append(',').append(PtsText.plain(l.x(k))).append(',')
            .append(PtsText.plain(l.y(k))).append('\n');
      }
      FaceBox b = boxes.get(i).box();
      box.append(id).append(',').append(num(b.x1())).append(',').append(num(b.y1())).append(',').append(num(b.x2()))
          .append(',').append(num(b.y2())).append(',').append(boxes.get(i).source().name().toLowerCase(Locale.ROOT))
          .append('\n');
    }
    for (int i = 0; i < images.size(); i++) {
      AtomicFiles.writeString(dir.resolve("pts").resolve(stems.get(i) + ".pts"), PtsText.format(landmarks.get(i)));
      Path file = images.get(i).path();
      BufferedImage img;
      try {
        img = ImageIO.read(file.toFile());
      } catch (IOException e) {
        throw SaException.dataError(file + ": cannot decode image: " + InputImages.oneLine(e), e);
      }
      if (img == null) {
        throw SaException.dataError(file + ": not a readable image");
      }
      Png.write(overlay(img, boxes.get(i).box(), landmarks.get(i)), dir.resolve("overlays").resolve(stems.get(i)
          + ".png"));
    }
    AtomicFiles.writeString(dir.resolve("boxes.csv"), box.toString());
    AtomicFiles.writeString(dir.resolve("landmarks.csv"), csv.toString());
  }

  /** A copy of {@code image} with the face box (thin, yellow) and the points (small filled red circles). */
  public static BufferedImage overlay(BufferedImage image, FaceBox box, Landmarks points) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      double r = Math.max(1.2, Math.min(6, Math.max(w, h) / 160.0));
      // Landmarks put pixel centres at integers; Java 2D at half-integers.
      g.setColor(new Color(255, 215, 0, 200));
      g.setStroke(new BasicStroke((float) Math.max(1, r / 2)));
      g.draw(new Rectangle2D.Double(box.x1() + 0.5, box.y1() + 0.5, box.width(), box.height()));
      for (int k = 0; k < points.count(); k++) {
        double x = points.x(k) + 0.5;
        double y = points.y(k) + 0.5;
        if (!Double.isFinite(x + y)) {
          continue;
        }
        Ellipse2D dot = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        g.setColor(new Color(235, 30, 30));
        g.fill(dot);
        g.setColor(new Color(0, 0, 0, 160));
        g.setStroke(new BasicStroke((float) Math.max(0.5, r / 4)));
        g.draw(dot);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  private static String num(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
