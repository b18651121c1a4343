package dev.sa.plugins.vw300;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.plugins.w300.shared.PtsFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An opened 300-VW data set: {@code train} and the test splits {@code category1..3}. Official
 * counts are not declared: the protocol fixes videos, not frame counts; {@code sa data check}
 * lists the videos found per split through the samples' sequences.
 */
final class VwDataset implements Dataset {
  private final LandmarkScheme scheme;
  private final Map<String, List<FaceSample>> splits;
  private final List<DataProblem> problems;

  VwDataset(LandmarkScheme scheme, Map<String, List<FaceSample>> splits, List<DataProblem> problems) {
    this.scheme = scheme;
    Map<String, List<FaceSample>> copy = new LinkedHashMap<>();
    splits.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.splits = Collections.unmodifiableMap(copy);
    this.problems = List.copyOf(problems);
  }

  @Override
  public LandmarkScheme scheme() {
    return scheme;
  }

  @Override
  public List<String> splitNames() {
    return List.copyOf(splits.keySet());
  }

  @Override
  public List<FaceSample> split(String name) {
    List<FaceSample> s = splits.get(name);
    if (s == null) {
      throw SaException.invalidInput("300vw has no split '" + name + "'; valid: " + splits.keySet());
    }
    return s;
  }

  @Override
  public List<DataProblem> problems() {
    return problems;
  }

  /** Writes a 1-based {@code dir/<vid>/annot/NNNNNN.pts}, atomically. */
  @Override
  public Path exportLabels(FaceSample sample, Landmarks landmarksInImage, Path dir) throws IOException {
    if (landmarksInImage.count() != scheme.count()) {
      throw SaException.invalidInput("cannot export " + landmarksInImage.count() + " points for sample "
          + sample.id() + "; the scheme has " + scheme.count());
    }
    String rel = sample.source().endsWith(".pts") ? sample.source() : sample.id() + ".pts";
    Path base = dir.toAbsolutePath().normalize();
    Path file = base.resolve(rel).normalize();
    if (!file.startsWith(base)) {
      throw SaException.invalidInput("sample '" + sample.id() + "' would export outside " + base);
    }
    PtsFormat.write(file, landmarksInImage);
    return file;
  }
}
