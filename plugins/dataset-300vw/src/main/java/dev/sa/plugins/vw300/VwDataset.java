package dev.sa.plugins.vw300;

import dev.sa.api.DataProblem;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.support.SplitDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An opened 300-VW data set: {@code train} and the test splits {@code category1..3}. Official
 * counts are not declared: the protocol fixes videos, not frame counts; {@code sa data check}
 * lists the videos found per split through the samples' sequences.
 */
final class VwDataset extends SplitDataset {
  VwDataset(LandmarkScheme scheme, Map<String, List<FaceSample>> splits, List<DataProblem> problems) {
    super("300vw", scheme, splits, problems, Map.of());
  }

  /** Writes a 1-based {@code dir/<vid>/annot/NNNNNN.pts}, atomically. */
  @Override
  public Path exportLabels(FaceSample sample, Landmarks landmarksInImage, Path dir) throws IOException {
    String rel = sample.source().endsWith(".pts") ? sample.source() : sample.id() + ".pts";
    return writePts(sample.id(), rel, landmarksInImage, dir);
  }
}
