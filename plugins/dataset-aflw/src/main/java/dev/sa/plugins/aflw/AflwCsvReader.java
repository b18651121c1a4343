package dev.sa.plugins.aflw;

import dev.sa.api.DataProblem;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.Visibility;
import dev.sa.support.CsvTable;
import dev.sa.support.MalformedFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The CSV form of AFLW used by HRNet: header {@code image_name, scale, box_size, center_w,
 * center_h} and 38 coordinates {@code x0, y0, ..., x18, y18}. The face box is the square of side
 * {@code box_size} around the centre, so that its face size {@code sqrt(w * h)} is HRNet's NME
 * normaliser. The CSV carries no visibility: every point counts as visible.
 */
final class AflwCsvReader {
  static final List<String> FIRST_COLUMNS = List.of("image_name", "scale", "box_size", "center_w", "center_h");

  private final Path root;
  private final AflwSamples samples;

  AflwCsvReader(Path root, AflwOptions options) {
    this.root = root;
    this.samples = new AflwSamples(root, options);
  }

  List<FaceSample> read(String csv, List<DataProblem> problems) {
    return CsvTable.readRows(root.resolve(csv), "AFLW", FIRST_COLUMNS, FIRST_COLUMNS.size() + 2 * AflwScheme.POINTS,
        "x0,y0,...,x18,y18 (see datasets/aflw/README.md)", this::row, problems);
  }

  private FaceSample row(CsvTable table, CsvTable.Row row) throws MalformedFileException {
    table.checkWidth(row);
    double boxSize = table.number(row, 2);
    double cx = table.number(row, 3);
    double cy = table.number(row, 4);
    if (!(boxSize > 0)) {
      throw new MalformedFileException(table.file(), row.line(), "box_size must be positive, got " + boxSize);
    }
    float[] xy = new float[2 * AflwScheme.POINTS];
    for (int i = 0; i < xy.length; i++) {
      xy[i] = (float) table.number(row, FIRST_COLUMNS.size() + i);
    }
    String name = row.get(0).strip();
    double half = boxSize / 2;
    // Rows are keyed by line: AFLW images often hold several faces.
    String id = AflwSamples.stem(name) + "#" + row.line();
    FaceBox box = new FaceBox(cx - half, cy - half, cx + half, cy + half);
    return samples.sample(id, samples.image(name, table.file() + ":" + row.line()), box, Landmarks.of(xy),
        Visibility.all(AflwScheme.POINTS), table.file(), row.line());
  }
}
