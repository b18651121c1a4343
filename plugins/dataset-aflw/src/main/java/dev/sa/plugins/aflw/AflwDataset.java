package dev.sa.plugins.aflw;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.SaException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An opened AFLW data set: {@code train} (20000), {@code full} (the 4386 AFLW-Full test faces)
 * and {@code frontal} (the test faces with all 19 points visible). AFLW has no .pts format of its
 * own, so {@link #exportLabels} keeps the default and the host's CSV is the export.
 */
final class AflwDataset implements Dataset {
  /**
   * Official counts: AFLW-Full 20000 / 4386 (Zhu et al. 2016); AFLW-Frontal 1165 as published
   * with LAB (Wu et al. 2018). The frontal split here is derived from mask_new; a different count
   * shows in {@code sa data check}.
   */
  static final Map<String, Integer> OFFICIAL_COUNTS = Map.of("train", 20000, "full", 4386, "frontal", 1165);

  private final LandmarkScheme scheme;
  private final Map<String, List<FaceSample>> splits;
  private final List<DataProblem> problems;

  AflwDataset(LandmarkScheme scheme, Map<String, List<FaceSample>> splits, List<DataProblem> problems) {
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
      throw SaException.invalidInput("aflw has no split '" + name + "'; valid: " + splits.keySet());
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
    splits.keySet().forEach(k -> out.put(k, OFFICIAL_COUNTS.get(k)));
    return out;
  }
}
