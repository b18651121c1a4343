package dev.sa.plugins.w300;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.plugins.w300.shared.PtsFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An opened 300W data set: splits {@code train, common, challenge, full} (paper Table 2). */
final class W300Dataset implements Dataset {
  private final LandmarkScheme scheme;
  private final Map<String, List<FaceSample>> splits;
  private final List<DataProblem> problems;

  W300Dataset(LandmarkScheme scheme, Map<String, List<FaceSample>> splits, List<DataProblem> problems) {
    this.scheme = scheme;
    Map<String, List<FaceSample>> copy = new LinkedHashMap<>();
    splits.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.splits = java.util.Collections.unmodifiableMap(copy);
    this.problems = List.copyOf(problems);
  }

  @Override
  public LandmarkScheme scheme() {
    return scheme;
  }

  @Override
  public List<String> splitNames() {
    return new ArrayList<>(splits.keySet());
  }

  @Override
  public List<FaceSample> split(String name) {
    List<FaceSample> s = splits.get(name);
    if (s == null) {
      throw SaException.invalidInput("300w has no split '" + name + "'; valid: " + splits.keySet());
    }
    return s;
  }

  @Override
  public List<DataProblem> problems() {
    return problems;
  }

  @Override
  public Map<String, Integer> officialCounts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String name : splits.keySet()) {
      out.put(name, W300Layout.OFFICIAL_COUNTS.get(name));
    }
    return out;
  }

  /**
   * Writes a 1-based {@code .pts} at the sample's original relative path under {@code dir}, e.g.
   * {@code dir/helen/trainset/100032540_1.pts}, atomically.
   */
  @Override
  public Path exportLabels(FaceSample sample, Landmarks landmarksInImage, Path dir) throws IOException {
    return exportPts(sample.id(), landmarksInImage, dir, scheme.count());
  }

  /** Writes {@code dir/<id>.pts}, refusing ids that would leave {@code dir}. */
  static Path exportPts(String id, Landmarks landmarksInImage, Path dir, int points) throws IOException {
    if (landmarksInImage.count() != points) {
      throw SaException.invalidInput("cannot export " + landmarksInImage.count() + " points for sample " + id
          + "; the scheme has " + points);
    }
    Path base = dir.toAbsolutePath().normalize();
    Path file = base.resolve(id + ".pts").normalize();
    if (!file.startsWith(base)) {
      throw SaException.invalidInput("sample id '" + id + "' would export outside " + base);
    }
    PtsFormat.write(file, landmarksInImage);
    return file;
  }
}
