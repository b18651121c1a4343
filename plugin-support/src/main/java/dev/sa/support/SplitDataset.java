package dev.sa.support;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An opened data set held as named splits of samples, with the problems found while opening and
 * the official split sizes: the bookkeeping the 300W, AFLW and 300-VW plugins share. Subclasses
 * add their own label export.
 */
public class SplitDataset implements Dataset {
  private final String id;
  private final LandmarkScheme scheme;
  private final Map<String, List<FaceSample>> splits;
  private final List<DataProblem> problems;
  private final Map<String, Integer> official;

  /**
   * @param id the plugin id, for messages
   * @param official official sample count per split; splits without one are left out
   */
  public SplitDataset(String id, LandmarkScheme scheme, Map<String, List<FaceSample>> splits,
      List<DataProblem> problems, Map<String, Integer> official) {
    this.id = id;
    this.scheme = scheme;
    Map<String, List<FaceSample>> copy = new LinkedHashMap<>();
    splits.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.splits = Collections.unmodifiableMap(copy);
    this.problems = List.copyOf(problems);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String name : copy.keySet()) {
      if (official.containsKey(name)) {
        counts.put(name, official.get(name));
      }
    }
    this.official = Collections.unmodifiableMap(counts);
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
      throw SaException.invalidInput(id + " has no split '" + name + "'; valid: " + splits.keySet());
    }
    return s;
  }

  @Override
  public List<DataProblem> problems() {
    return problems;
  }

  @Override
  public Map<String, Integer> officialCounts() {
    return official;
  }

  /**
   * Writes a 1-based {@code .pts} at {@code dir/relative} atomically, refusing a path that would
   * leave {@code dir} or a point count other than the scheme's.
   */
  protected Path writePts(String sampleId, String relative, Landmarks landmarksInImage, Path dir) throws IOException {
    if (landmarksInImage.count() != scheme.count()) {
      throw SaException.invalidInput("cannot export " + landmarksInImage.count() + " points for sample "
          + sampleId + "; the scheme has " + scheme.count());
    }
    Path base = dir.toAbsolutePath().normalize();
    Path file = base.resolve(relative).normalize();
    if (!file.startsWith(base)) {
      throw SaException.invalidInput("sample '" + sampleId + "' would export outside " + base);
    }
    PtsFormat.write(file, landmarksInImage);
    return file;
  }
}
