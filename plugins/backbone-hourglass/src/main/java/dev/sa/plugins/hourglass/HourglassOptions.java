package dev.sa.plugins.hourglass;

/**
 * The {@code backbone.options} of the {@code hourglass} backbone. Missing keys arrive as
 * {@code null} and take the defaults below.
 *
 * @param stacks number of stacked hourglasses, each with its own heatmap output for intermediate
 *     supervision (paper Section 5 uses four at 256 px; default 2 to suit CPUs, valid 1..8)
 * @param depth recursion depth of each hourglass, i.e. how many times it halves the map (default
 *     4, valid 1..8). This is an upper bound: the network uses
 *     {@link #effectiveDepth(int) min(depth, deepest level whose map is still at least 2 x 2)} for
 *     the configured heatmap size, so the default works for any heatmap size.
 * @param channels feature channels inside the hourglass (Newell et al. use 256; default 128, valid
 *     even numbers 4..1024)
 * @param norm the normalisation layers: {@code mixed} (default: group normalisation on maps of side
 *     up to {@code groupSide}, BatchNorm on larger maps), {@code group} (group normalisation
 *     everywhere: the same computation in training and evaluation, about 3x slower on MXNet's CPU
 *     kernels) or {@code batch} (BatchNorm everywhere, as Newell et al.; at small bottom maps its
 *     evaluation collapsed on some seeds, see docs/training-stability.md)
 * @param groups groups per face of group normalisation (default 32, valid 1..1024), lowered to the
 *     largest divisor of each layer's channel count
 * @param groupSide with {@code norm: mixed}, the largest map side normalised by groups (default 8,
 *     valid 1..1024): below it BatchNorm's batch statistics rest on few values per channel
 */
public record HourglassOptions(Integer stacks, Integer depth, Integer channels, String norm, Integer groups,
    Integer groupSide) {
  static final int DEFAULT_STACKS = 2;
  static final int DEFAULT_DEPTH = 4;
  static final int DEFAULT_CHANNELS = 128;
  static final String DEFAULT_NORM = "mixed";
  static final int DEFAULT_GROUPS = 32;
  static final int DEFAULT_GROUP_SIDE = 8;
  private static final int MAX_STACKS = 8;
  private static final int MAX_DEPTH = 8;
  private static final int MAX_CHANNELS = 1024;

  public HourglassOptions {
    stacks = stacks == null ? DEFAULT_STACKS : stacks;
    depth = depth == null ? DEFAULT_DEPTH : depth;
    channels = channels == null ? DEFAULT_CHANNELS : channels;
    norm = norm == null ? DEFAULT_NORM : norm;
    groups = groups == null ? DEFAULT_GROUPS : groups;
    groupSide = groupSide == null ? DEFAULT_GROUP_SIDE : groupSide;
    if (!norm.equals("mixed") && !norm.equals("group") && !norm.equals("batch")) {
      throw new IllegalArgumentException("norm must be mixed, group or batch, got " + norm);
    }
    if (groupSide < 1 || groupSide > MAX_CHANNELS) {
      throw new IllegalArgumentException("groupSide must be between 1 and " + MAX_CHANNELS + ", got " + groupSide);
    }
    if (groups < 1 || groups > MAX_CHANNELS) {
      throw new IllegalArgumentException("groups must be between 1 and " + MAX_CHANNELS + ", got " + groups);
    }
    if (stacks < 1 || stacks > MAX_STACKS) {
      throw new IllegalArgumentException(
          "stacks must be between 1 and " + MAX_STACKS + ", got " + stacks);
    }
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "depth must be between 1 and " + MAX_DEPTH + ", got " + depth);
    }
    // Bottleneck residuals work at channels / 2 inside, so the width must halve exactly.
    if (channels < 4 || channels > MAX_CHANNELS || channels % 2 != 0) {
      throw new IllegalArgumentException(
          "channels must be an even number between 4 and " + MAX_CHANNELS + ", got " + channels);
    }
  }

  /** All defaults: 2 stacks, depth 4, 128 channels, mixed normalisation (32 groups up to 8 x 8). */
  public static HourglassOptions defaults() {
    return new HourglassOptions(null, null, null, null, null, null);
  }

  /**
   * The recursion depth actually built for heatmaps of side {@code heatmapSize}: {@link #depth()}
   * capped so that each level halves an even map and the bottom map stays at least 2 x 2 (a 1 x 1
   * bottom has no spatial context left, and an odd map could not be upsampled back by 2).
   *
   * @throws IllegalArgumentException if not even one level fits (heatmap side odd or below 4)
   */
  public int effectiveDepth(int heatmapSize) {
    int levels = 0;
    int side = heatmapSize;
    while (levels < depth && side % 2 == 0 && side / 2 >= 2) {
      side /= 2;
      levels++;
    }
    if (levels == 0) {
      throw new IllegalArgumentException("hourglass needs an even heatmap size of at least 4 so that"
          + " one level can halve it, got heatmapSize " + heatmapSize);
    }
    return levels;
  }
}
