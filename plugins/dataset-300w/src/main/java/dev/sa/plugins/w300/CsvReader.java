package dev.sa.plugins.w300;

import dev.sa.api.DataProblem;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.support.Annotations;
import dev.sa.support.CsvTable;
import dev.sa.support.ImageFiles;
import dev.sa.support.MalformedFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CSV form of 300W used by HRNet and others: header {@code image_name, scale, center_w,
 * center_h} and 136 coordinates {@code x0, y0, ..., x67, y67}, in 0-based pixels (no shift, unlike
 * .pts). The face box is the square of side {@code 200 * scale} around the centre (HRNet's
 * convention), or the enlarged landmark box with {@code boxes: landmarks}. Image names are
 * relative to the data root.
 *
 * @param root the data set's folder
 * @param options the data set's options
 */
record CsvReader(Path root, W300Options options) {
  static final List<String> FIRST_COLUMNS = List.of("image_name", "scale", "center_w", "center_h");
  /** HRNet's {@code scale} is the box side divided by this. */
  static final double SCALE_UNIT = 200.0;

  /** Samples of one CSV file; row problems are appended to {@code problems}. */
  List<FaceSample> read(String csv, List<DataProblem> problems) {
    List<FaceSample> rows = CsvTable.readRows(root.resolve(csv), "300W", FIRST_COLUMNS,
        FIRST_COLUMNS.size() + 2 * W300Layout.POINTS, "x0,y0,...,x67,y67 (see datasets/300w/README.md)", this::row,
        problems);
    List<FaceSample> samples = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (FaceSample sample : rows) {
      if (!ids.add(sample.id())) {
        // Two faces in one image: keep both, the second keyed by its line.
        String id = sample.id() + "#" + sample.source().substring(sample.source().lastIndexOf(':') + 1);
        sample = FaceSample.of(id, sample.image(), sample.box(), sample.landmarksInImage(), sample.source());
        ids.add(id);
      }
      samples.add(sample);
    }
    return samples;
  }

  private FaceSample row(CsvTable table, CsvTable.Row row) throws MalformedFileException {
    table.checkWidth(row);
    double scale = table.number(row, 1);
    double cx = table.number(row, 2);
    double cy = table.number(row, 3);
    float[] xy = new float[2 * W300Layout.POINTS];
    for (int i = 0; i < xy.length; i++) {
      xy[i] = (float) table.number(row, FIRST_COLUMNS.size() + i);
    }
    Landmarks inImage = Landmarks.of(xy);
    String imageName = row.get(0).strip();
    Path image = table.pathUnder(root, imageName, row);
    ImageFiles.Size size;
    try {
      size = ImageFiles.readSize(image);
    } catch (MalformedFileException e) {
      throw new MalformedFileException(table.file(), row.line(), image + ": " + e.getMessage());
    }
    int far = ImageFiles.firstFarOutside(inImage, size);
    if (far >= 0) {
      throw new MalformedFileException(table.file(), row.line(), ImageFiles.farOutsideMessage(inImage, far, size));
    }
    FaceBox box;
    if (options.boxSource() == W300Options.BoxSource.LANDMARKS) {
      box = FaceBox.around(inImage, options.boxScale());
    } else {
      if (!(scale > 0)) {
        throw new MalformedFileException(table.file(), row.line(), "scale must be positive, got " + scale);
      }
      double half = scale * SCALE_UNIT / 2;
      box = new FaceBox(cx - half, cy - half, cx + half, cy + half);
    }
    Annotations.requireSize(W300Layout.SCHEME, inImage, box, table.file(), row.line());
    String id = FolderReader.baseName(imageName.replace('\\', '/'));
    String source = table.file() + ":" + row.line();
    return FaceSample.of(id, ImageFiles.lazy(image), box, inImage, source);
  }
}
