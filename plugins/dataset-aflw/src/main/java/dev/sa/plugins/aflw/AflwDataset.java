package dev.sa.plugins.aflw;

import dev.sa.api.DataProblem;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.support.SplitDataset;
import java.util.List;
import java.util.Map;

/**
 * An opened AFLW data set: {@code train} (20000), {@code full} (the 4386 AFLW-Full test faces)
 * and {@code frontal} (the test faces with all 19 points visible). AFLW has no .pts format of its
 * own, so {@link #exportLabels} keeps the default and the host's CSV is the export.
 */
final class AflwDataset extends SplitDataset {
  /**
   * Official counts: AFLW-Full 20000 / 4386 (Zhu et al. 2016); AFLW-Frontal 1165 as published
   * with LAB (Wu et al. 2018). The frontal split here is derived from mask_new; a different count
   * shows in {@code sa data check}.
   */
  static final Map<String, Integer> OFFICIAL_COUNTS = Map.of("train", 20000, "full", 4386, "frontal", 1165);

  AflwDataset(LandmarkScheme scheme, Map<String, List<FaceSample>> splits, List<DataProblem> problems) {
    super("aflw", scheme, splits, problems, OFFICIAL_COUNTS);
  }
}
