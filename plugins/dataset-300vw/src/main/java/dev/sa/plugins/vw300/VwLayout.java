package dev.sa.plugins.vw300;

import dev.sa.api.LandmarkScheme;
import dev.sa.api.Normalization;
import dev.sa.api.Schemes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The 300-VW protocol (Shen et al., Chrysos et al.; paper Section 4.1, Table 4): 114 videos, 50
 * for training and 64 for testing in three categories of increasing difficulty.
 */
final class VwLayout {
  private VwLayout() {}

  static final String TRAIN = "train";
  static final List<String> SPLITS = List.of(TRAIN, "category1", "category2", "category3");

  /** Test videos by category; every other video present is a training video. */
  static final Map<String, Set<String>> CATEGORIES = Map.of(
      "category1", Set.of("114", "124", "125", "126", "150", "158", "401", "402", "505", "506", "507", "508", "509",
          "510", "511", "514", "515", "518", "519", "520", "521", "522", "524", "525", "537", "538", "540", "541",
          "546", "547", "548"),
      "category2", Set.of("203", "208", "211", "212", "213", "214", "218", "224", "403", "404", "405", "406", "407",
          "408", "409", "412", "550", "551", "553"),
      "category3", Set.of("410", "411", "516", "517", "526", "528", "529", "530", "531", "533", "557", "558", "559",
          "562"));

  static final int POINTS = 68;

  static final String LAYOUT_HELP = "expected one folder per video, <root>/<vid>/vid.avi with <root>/<vid>/annot/000001.pts ..., "
      + "optionally pre-extracted frames <root>/<vid>/frames/000001.png (see datasets/300vw/README.md)";

  /** The split of a video folder name. */
  static String splitOf(String videoId) {
    for (Map.Entry<String, Set<String>> e : CATEGORIES.entrySet()) {
      if (e.getValue().contains(videoId)) {
        return e.getKey();
      }
    }
    return TRAIN;
  }

  /**
   * The iBUG 68-point scheme with the outer-eye-corner (inter-ocular, 36/45) normaliser first:
   * 300-VW reports RMSE normalised by that distance (paper Table 4). Same name, points, pairs and
   * weak points as {@link Schemes#ibug68()}, so 300W and 300-VW faces can train together.
   */
  static LandmarkScheme scheme() {
    LandmarkScheme ibug = Schemes.ibug68();
    List<Normalization> norms = new ArrayList<>();
    ibug.normalizations().stream().filter(n -> n.name().equals("inter-ocular")).forEach(norms::add);
    ibug.normalizations().stream().filter(n -> !n.name().equals("inter-ocular")).forEach(norms::add);
    return new LandmarkScheme(ibug.name(), ibug.pointNames(), ibug.flipPairs(), norms, ibug.weakPoints());
  }
}
