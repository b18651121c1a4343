package dev.sa.app.data;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.support.Annotations;
import dev.sa.support.MalformedFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data set as the host uses it: the plugin's, with the host's own checks of every sample added,
 * so a third-party plugin that does not check its annotations is held to the same rules as the
 * built-in ones. Today: a zero-size annotation ({@link Annotations#requireSize}: all points on one
 * spot, or an inter-pupil or other normalising distance of zero) is left out of its splits and
 * reported as a {@link DataProblem} naming the sample's file, before any training, by
 * {@code sa data check} and {@code sa run} alike.
 */
public final class CheckedDataset implements Dataset {
  private final Dataset inner;
  private final Map<String, List<FaceSample>> splits = new LinkedHashMap<>();
  private final List<DataProblem> problems;

  private CheckedDataset(Dataset inner) {
    this.inner = inner;
    this.problems = new ArrayList<>(inner.problems());
    Map<String, Boolean> seen = new LinkedHashMap<>();
    LandmarkScheme scheme = inner.scheme();
    for (String name : inner.splitNames()) {
      List<FaceSample> kept = new ArrayList<>();
      for (FaceSample s : inner.split(name)) {
        DataProblem p = problem(scheme, s);
        if (p == null) {
          kept.add(s);
        } else if (seen.putIfAbsent(s.id(), true) == null) {
          problems.add(p);
        }
      }
      splits.put(name, List.copyOf(kept));
    }
  }

  /** {@code dataset} with the host's checks applied. */
  public static Dataset of(Dataset dataset) {
    return dataset instanceof CheckedDataset ? dataset : new CheckedDataset(dataset);
  }

  /** The problem of one sample, or null when it has none. */
  static DataProblem problem(LandmarkScheme scheme, FaceSample s) {
    String file = s.source().isBlank() ? "sample '" + s.id() + "'" : s.source();
    try {
      Annotations.requireSize(scheme, s.landmarksInImage(), s.box(), file, 0);
      return null;
    } catch (MalformedFileException e) {
      return e.problem();
    }
  }

  @Override
  public LandmarkScheme scheme() {
    return inner.scheme();
  }

  @Override
  public List<String> splitNames() {
    return inner.splitNames();
  }

  @Override
  public List<FaceSample> split(String name) {
    List<FaceSample> s = splits.get(name);
    return s != null ? s : inner.split(name);
  }

  @Override
  public List<DataProblem> problems() {
    return List.copyOf(problems);
  }

  @Override
  public Map<String, Integer> officialCounts() {
    return inner.officialCounts();
  }

  @Override
  public Path exportLabels(FaceSample sample, Landmarks landmarksInImage, Path dir) throws java.io.IOException {
    return inner.exportLabels(sample, landmarksInImage, dir);
  }
}
