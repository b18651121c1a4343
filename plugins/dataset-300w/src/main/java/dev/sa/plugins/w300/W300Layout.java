package dev.sa.plugins.w300;

import dev.sa.api.LandmarkScheme;
import dev.sa.api.Schemes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official 300W layout and protocol (Sagonas et al.; paper Section 4.1): which folders form
 * which split, and how many faces each split officially has.
 */
final class W300Layout {
  private W300Layout() {}

  static final String TRAIN = "train";
  static final String COMMON = "common";
  static final String CHALLENGE = "challenge";
  static final String FULL = "full";

  /** Split names in display order. */
  static final List<String> SPLITS = List.of(TRAIN, COMMON, CHALLENGE, FULL);

  /** Folders in scan order, relative to the data root. */
  static final List<String> FOLDERS =
      List.of("afw", "helen/trainset", "lfpw/trainset", "helen/testset", "lfpw/testset", "ibug");

  /** Folders of each split; {@code full} is the common and challenge subsets together. */
  static final Map<String, List<String>> SPLIT_FOLDERS = splitFolders();

  /** Official face counts: 3148 training, 554 common, 135 challenging, 689 full test faces. */
  static final Map<String, Integer> OFFICIAL_COUNTS = Map.of(TRAIN, 3148, COMMON, 554, CHALLENGE, 135, FULL, 689);

  static final int POINTS = 68;
  /** The scheme, for the zero-size check of each annotation. */
  static final LandmarkScheme SCHEME = Schemes.ibug68();

  static final String LAYOUT_HELP = "expected folders afw/, helen/trainset/, helen/testset/, lfpw/trainset/, "
      + "lfpw/testset/, ibug/ holding images (.jpg/.png) beside 68-point .pts files, optionally "
      + "'Bounding Boxes/bounding_boxes_*.mat' (see datasets/300w/README.md)";

  private static Map<String, List<String>> splitFolders() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(TRAIN, List.of("afw", "helen/trainset", "lfpw/trainset"));
    m.put(COMMON, List.of("helen/testset", "lfpw/testset"));
    m.put(CHALLENGE, List.of("ibug"));
    m.put(FULL, List.of("helen/testset", "lfpw/testset", "ibug"));
    return java.util.Collections.unmodifiableMap(m);
  }
}
