package dev.sa.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An opened data set: named splits of lazily loaded face samples. */
public interface Dataset {
  /** The landmark scheme shared by every sample. */
  LandmarkScheme scheme();

  /** Split names in display order, e.g. {@code train, common, challenge, full}. */
  List<String> splitNames();

  /**
   * The samples of a split. A sample whose files are broken is left out of the list and
   * reported by {@link #problems()}; the host refuses to train when problems exist unless the
   * config allows skipping bad samples.
   */
  List<FaceSample> split(String name);

  /** Problems found while opening (malformed files, missing images), one per file and line. */
  List<DataProblem> problems();

  /** Official sample count per split, for {@code sa data check}; empty when there is none. */
  default Map<String, Integer> officialCounts() {
    return Map.of();
  }

  /**
   * Writes {@code landmarksInImage} for {@code sample} in the data set's own annotation format
   * (e.g. a {@code .pts} file) under {@code dir}, returning the written file. The default has no
   * own format and returns {@code null}; the host always writes CSV beside it.
   */
  default Path exportLabels(FaceSample sample, Landmarks landmarksInImage, Path dir) throws java.io.IOException {
    return null;
  }
}
