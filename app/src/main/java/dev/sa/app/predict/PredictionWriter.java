package dev.sa.app.predict;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.app.figures.Png;
import dev.sa.support.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
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

/**
 * Writes the predictions of {@code sa predict}, every file atomically (temp file, then rename):
 *
 * <pre>
 * OUT/landmarks.csv            image,face,x_min,y_min,x_max,y_max,score,x0,y0,x1,y1,...   one row per face
 *                              (image pixels, 0-based pixel centres as 'sa align'; score empty unless detected)
 * OUT/boxes.csv                image,x_min,y_min,x_max,y_max,face,score,source   (reads back as --boxes)
 * OUT/pts/STEM_faceK.pts       300W .pts, 1-based (as 'sa align' exports them), one per face
 * OUT/overlays/STEM.png        the image with every face's box, number and points drawn
 * </pre>
 *
 * STEM is the image's file name without its extension and K the face's number in the image (from
 * 0: given boxes in file order, detected faces best score first); names that clash get {@code -2},
 * {@code -3}, ... in input order.
 */
public final class PredictionWriter {
  private PredictionWriter() {}

  /** One image's faces: their boxes and landmarks, in the same order. */
  public record ImageFaces(InputImages.Image image, List<FaceBoxes.Chosen> boxes, List<Landmarks> landmarks) {}

  /** Names made unique (ignoring case) in order: a clash gets -2, -3, ... */
  static List<String> unique(List<String> bases) {
    List<String> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (String base : bases) {
      String s = base;
      for (int k = 2; !taken.add(s.toLowerCase(Locale.ROOT)); k++) {
        s = base + "-" + k;
      }
      out.add(s);
    }
    return out;
  }

  /** Output stems of {@code images}: their file names without extension, made unique (ignoring case). */
  public static List<String> stems(List<InputImages.Image> images) {
    List<String> bases = new ArrayList<>();
    for (InputImages.Image im : images) {
      bases.add(im.stem());
    }
    return unique(bases);
  }

  /** The header of landmarks.csv for {@code points} landmarks. */
  public static String header(int points) {
    StringBuilder b = new StringBuilder("image,face,x_min,y_min,x_max,y_max,score");
    for (int k = 0; k < points; k++) {
      b.append(",x").append(k).append(",y").append(k);
    }
    return b.toString();
  }

  /** Writes every output file under {@code dir}. */
  public static void write(Path dir, List<ImageFaces> all, int points) throws IOException {
    List<InputImages.Image> images = new ArrayList<>();
    for (ImageFaces f : all) {
      images.add(f.image());
    }
    List<String> stems = stems(images);
    List<String> faceBases = new ArrayList<>();
    StringBuilder csv = new StringBuilder(header(points)).append('\n');
    StringBuilder box = new StringBuilder(FaceBoxes.HEADER + ",face,score,source\n");
    for (int i = 0; i < all.size(); i++) {
      ImageFaces f = all.get(i);
      String id = FaceBoxes.csvField(f.image().path().toString());
      for (int j = 0; j < f.boxes().size(); j++) {
        FaceBoxes.Chosen c = f.boxes().get(j);
        FaceBox b = c.box();
        String score = Double.isNaN(c.score()) ? "" : num(c.score());
        String corners = num(b.x1()) + "," + num(b.y1()) + "," + num(b.x2()) + "," + num(b.y2());
        csv.append(id).append(',').append(j).append(',').append(corners).append(',').append(score);
        Landmarks l = f.landmarks().get(j);
        for (int k = 0; k < l.count(); k++) {
          csv.append(',').append(PtsText.plain(l.x(k))).append(',').append(PtsText.plain(l.y(k)));
        }
        csv.append('\n');
        box.append(id).append(',').append(corners).append(',').append(j).append(',').append(score).append(',')
            .append(c.source().name().toLowerCase(Locale.ROOT)).append('\n');
        faceBases.add(stems.get(i) + "_face" + j);
      }
    }
    List<String> faceNames = unique(faceBases);
    int n = 0;
    for (int i = 0; i < all.size(); i++) {
      ImageFaces f = all.get(i);
      for (Landmarks l : f.landmarks()) {
        AtomicFiles.writeString(dir.resolve("pts").resolve(faceNames.get(n++) + ".pts"), PtsText.format(l));
      }
      BufferedImage img = FaceFinder.decode(f.image());
      Png.write(overlay(img, f.boxes(), f.landmarks()), dir.resolve("overlays").resolve(stems.get(i) + ".png"));
    }
    AtomicFiles.writeString(dir.resolve("boxes.csv"), box.toString());
    AtomicFiles.writeString(dir.resolve("landmarks.csv"), csv.toString());
  }

  /**
   * A copy of {@code image} with each face's box (thin, yellow), its number, and its points (filled
   * red circles sized to the face).
   */
  public static BufferedImage overlay(BufferedImage image, List<FaceBoxes.Chosen> boxes, List<Landmarks> points) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      for (int j = 0; j < boxes.size(); j++) {
        drawFace(g, j, boxes.get(j).box(), points.get(j), boxes.size() > 1);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  private static void drawFace(Graphics2D g, int number, FaceBox box, Landmarks points, boolean label) {
    double r = Math.max(1.0, Math.min(6, box.size() / 100.0));
    // Landmarks put pixel centres at integers; Java 2D at half-integers.
    g.setColor(new Color(255, 215, 0, 200));
    g.setStroke(new BasicStroke((float) Math.max(1, r / 2)));
    g.draw(new Rectangle2D.Double(box.x1() + 0.5, box.y1() + 0.5, box.width(), box.height()));
    if (label) {
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.max(10, Math.min(32, box.size() / 8))));
      g.drawString(Integer.toString(number), (float) (box.x1() + 0.5 + r), (float) (box.y1() + 0.5 - r));
    }
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
  }

  private static String num(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
