package dev.sa.plugins.w300;

import dev.sa.api.DataProblem;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.support.SplitDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An opened 300W data set: splits {@code train, common, challenge, full} (paper Table 2). */
final class W300Dataset extends SplitDataset {
  W300Dataset(LandmarkScheme scheme, Map<String, List<FaceSample>> splits, List<DataProblem> problems) {
    super("300w", scheme, splits, problems, W300Layout.OFFICIAL_COUNTS);
  }

  /**
   * Writes a 1-based {@code .pts} at the sample's original relative path under {@code dir}, e.g.
   * {@code dir/helen/trainset/100032540_1.pts}, atomically.
   */
  @Override
  public Path exportLabels(FaceSample sample, Landmarks landmarksInImage, Path dir) throws IOException {
    return writePts(sample.id(), sample.id() + ".pts", landmarksInImage, dir);
  }
}
