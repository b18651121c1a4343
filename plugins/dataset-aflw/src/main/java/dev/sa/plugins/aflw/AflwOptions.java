package dev.sa.plugins.aflw;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of the AFLW data set ({@code options:} block of the data set entry).
 *
 * @param mat the annotation file, relative to the data root; default {@code AFLWinfo_release.mat}
 * @param imagesDir folder that {@code nameList}'s relative paths start from; default {@code flickr}
 * @param trainCount how many leading entries of the permutation {@code ra} form the training set;
 *     default 20000 (the AFLW-Full protocol), valid 0 or more
 * @param csvSplits read these splits ({@code train}, {@code full}, {@code frontal}) from CSV files
 *     (HRNet's form) instead of the .mat file; paths relative to the data root; default none
 */
public record AflwOptions(String mat, String imagesDir, Integer trainCount, Map<String, String> csvSplits) {
  /** Split names in display order. */
  public static final List<String> SPLITS = List.of("train", "full", "frontal");

  public AflwOptions {
    mat = mat == null ? "AFLWinfo_release.mat" : mat;
    imagesDir = imagesDir == null ? "flickr" : imagesDir;
    trainCount = trainCount == null ? 20000 : trainCount;
    if (trainCount < 0) {
      throw new IllegalArgumentException("trainCount must be 0 or more, got " + trainCount);
    }
    Map<String, String> copy = new LinkedHashMap<>(csvSplits == null ? Map.of() : csvSplits);
    for (Map.Entry<String, String> e : copy.entrySet()) {
      if (!SPLITS.contains(e.getKey())) {
        throw new IllegalArgumentException("csvSplits: unknown split '" + e.getKey() + "'; valid: " + SPLITS);
      }
      if (e.getValue() == null || e.getValue().isBlank()) {
        throw new IllegalArgumentException("csvSplits." + e.getKey() + " needs a CSV file path");
      }
    }
    csvSplits = Collections.unmodifiableMap(copy);
  }

  public static AflwOptions defaults() {
    return new AflwOptions(null, null, null, null);
  }
}
