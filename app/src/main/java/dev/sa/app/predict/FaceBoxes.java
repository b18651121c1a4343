package dev.sa.app.predict;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each image's face boxes come from, in this order: its rows of the {@code --boxes} CSV
 * ({@code image,x_min,y_min,x_max,y_max}, 0-based image pixels, matched on the file name, any
 * number of rows per image, further columns ignored), else a {@code .pts} file of the same name
 * beside the image (the tight box around its points), else none: the face detector looks (see
 * {@link FaceFinder}), and the whole image is the last resort.
 *
 * <p>Every box here is a face box in one convention: tight around the face, as a face detector
 * frames it or as the box around its landmarks. The predictor enlarges it by the data set's
 * {@code faceBoxScale} and crops it as training does ({@link Predictor#cropBox}); the whole image
 * is taken as the enlarged box, so its face box is the image shrunk by that factor.
 */
public final class FaceBoxes {
  /** The CSV header of a boxes file, which {@code sa predict} also writes as {@code boxes.csv}. */
  public static final String HEADER = "image,x_min,y_min,x_max,y_max";

  /** Where a box came from. */
  public enum Source {
    BOXES_FILE("from the boxes file"), PTS("from .pts files beside the images"), DETECTOR("found by the detector"),
    WHOLE_IMAGE("whole image");

    private final String words;

    Source(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /**
   * A face box, where it came from, and the detector's score ({@code NaN} when not detected).
   */
  public record Chosen(FaceBox box, Source source, double score) {
    public Chosen(FaceBox box, Source source) {
      this(box, source, Double.NaN);
    }
  }

  private final Path file;
  private final Map<String, List<FaceBox>> byName;
  private final Map<String, Integer> unused;
  private final double faceBoxScale;

  private FaceBoxes(Path file, Map<String, List<FaceBox>> byName, double faceBoxScale) {
    this.file = file;
    this.byName = byName;
    this.unused = new LinkedHashMap<>();
    for (String k : byName.keySet()) {
      unused.put(k, 0);
    }
    this.faceBoxScale = faceBoxScale;
  }

  /**
   * @param boxesFile the {@code --boxes} CSV, or null
   * @param faceBoxScale the data set's enlargement of a face box ({@link Predictor#faceBoxScale}),
   *     which the whole-image fallback undoes
   */
  public static FaceBoxes open(Path boxesFile, double faceBoxScale) {
    return new FaceBoxes(boxesFile, boxesFile == null ? Map.of() : read(boxesFile), faceBoxScale);
  }

  /** The boxes given for {@code image} (its rows of the boxes file, else its {@code .pts}); empty if none. */
  public List<Chosen> given(InputImages.Image image) {
    List<FaceBox> rows = byName.get(image.fileName());
    List<Chosen> out = new ArrayList<>();
    if (rows != null) {
      unused.remove(image.fileName());
      for (FaceBox b : rows) {
        out.add(new Chosen(b, Source.BOXES_FILE));
      }
      return out;
    }
    Path pts = besidePts(image.path());
    if (pts != null) {
      Landmarks points = PtsText.read(pts);
      out.add(new Chosen(FaceBox.around(points, 1.0), Source.PTS));
    }
    return out;
  }

  /**
   * The last resort: the face box whose enlargement by the data set's {@code faceBoxScale} is the
   * whole image, so that the whole image is the box cropped.
   */
  public Chosen whole(InputImages.Image image) {
    // Pixel centres sit at integer coordinates: the image covers [-0.5, w - 0.5] x [-0.5, h - 0.5].
    FaceBox all = new FaceBox(-0.5, -0.5, image.width() - 0.5, image.height() - 0.5);
    return new Chosen(all.scaled(1 / faceBoxScale), Source.WHOLE_IMAGE);
  }

  /** Rows of the boxes file that matched no image so far. */
  public List<String> unmatched() {
    return new ArrayList<>(unused.keySet());
  }

  public Path file() {
    return file;
  }

  /** {@code name.pts} (or {@code .PTS}) beside {@code image}, or null. */
  static Path besidePts(Path image) {
    String n = image.getFileName().toString();
    int dot = n.lastIndexOf('.');
    String stem = dot > 0 ? n.substring(0, dot) : n;
    for (String ext : List.of(".pts", ".PTS")) {
      Path p = image.resolveSibling(stem + ext);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Reads a boxes CSV keyed by file name, the rows of an image in file order; any defect: invalid
   * input naming file and line. Columns after the first five (such as {@code boxes.csv}'s
   * {@code face,score,source}) are ignored, so a {@code boxes.csv} that {@code sa predict} wrote reads back.
   */
  static Map<String, List<FaceBox>> read(Path file) {
    List<String> lines = lines(file);
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw SaException.invalidInput(file + ":1: expected the header '" + HEADER + "', got an empty line");
    }
    List<String> header = new ArrayList<>();
    for (String h : fields(lines.get(0), file, 1)) {
      header.add(h.trim().toLowerCase(Locale.ROOT));
    }
    if (header.size() < 5 || !header.subList(0, 5).equals(List.of(HEADER.split(",")))) {
      throw SaException.invalidInput(file + ":1: expected the header '" + HEADER + "', got '" + lines.get(0).strip()
          + "'");
    }
    Map<String, List<FaceBox>> out = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      int no = i + 1;
      if (line.isBlank()) {
        continue;
      }
      List<String> f = fields(line, file, no);
      if (f.size() != header.size()) {
        throw SaException.invalidInput(file + ":" + no + ": expected " + header.size() + " fields as the header '"
            + lines.get(0).strip() + "', got " + f.size() + ": '" + line.strip() + "'");
      }
      String image = f.get(0).trim();
      if (image.isEmpty()) {
        throw SaException.invalidInput(file + ":" + no + ": empty image name");
      }
      String name = fileName(image);
      double[] v = corners(f, file, no);
      if (!(v[2] > v[0]) || !(v[3] > v[1])) {
        throw SaException.invalidInput(file + ":" + no + ": box of '" + image + "' needs x_min < x_max and"
            + " y_min < y_max, got " + f.get(1).trim() + "," + f.get(2).trim() + "," + f.get(3).trim() + ","
            + f.get(4).trim());
      }
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(new FaceBox(v[0], v[1], v[2], v[3]));
    }
    if (out.isEmpty()) {
      throw SaException.invalidInput(file + ": no boxes after the header line");
    }
    return out;
  }

  /** The file's lines, a leading byte-order mark removed; a missing or unreadable file: invalid input. */
  private static List<String> lines(Path file) {
    List<String> lines;
    try {
      lines = new ArrayList<>(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1)));
    } catch (NoSuchFileException e) {
      throw SaException.invalidInput(file + ": boxes file not found");
    } catch (IOException e) {
      throw SaException.invalidInput(file + ": cannot read boxes file: " + InputImages.oneLine(e));
    }
    if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
      lines.set(0, lines.get(0).substring(1));
    }
    return lines;
  }

  /** x_min, y_min, x_max, y_max of a row's fields 2-5; one that is not a finite number: invalid input. */
  private static double[] corners(List<String> f, Path file, int no) {
    double[] v = new double[4];
    String[] cols = {"x_min", "y_min", "x_max", "y_max"};
    for (int k = 0; k < 4; k++) {
      String t = f.get(k + 1).trim();
      try {
        v[k] = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        v[k] = Double.NaN;
      }
      if (!Double.isFinite(v[k]) || !t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
        throw SaException.invalidInput(file + ":" + no + ": " + cols[k] + " '" + t + "' is not a number");
      }
    }
    return v;
  }

  /** The last path component of a CSV image value ({@code a/b.png} and {@code a\b.png} give {@code b.png}). */
  static String fileName(String image) {
    int cut = Math.max(image.lastIndexOf('/'), image.lastIndexOf('\\'));
    return image.substring(cut + 1);
  }

  /** Splits one CSV line (RFC 4180 quotes, {@code ""} inside quotes). */
  static List<String> fields(String line, Path file, int no) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(ch);
        }
      } else if (ch == '"' && cur.toString().isBlank()) {
        quoted = true;
        cur.setLength(0);
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (quoted) {
      throw SaException.invalidInput(file + ":" + no + ": unclosed quote");
    }
    out.add(cur.toString());
    return out;
  }

  /** {@code value} as a CSV field: quoted when it holds a comma, quote or line break. */
  public static String csvField(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
