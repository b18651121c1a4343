package dev.sa.plugins.hourglass;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stacked hourglass network with intermediate supervision (Newell et al. 2016), the heatmap
 * backbone of paper Section 5.
 *
 * <p>Input {@code (B, 3, S, S)} with RGB in {@code [-0.5, 0.5]}; output {@code stacks} arrays of
 * shape {@code (B, N, h, h)}, one per stack, the last being the prediction. Between stacks the
 * features are carried on as {@code x + conv1x1(features) + conv1x1(heatmaps)}, so each stack
 * refines the previous one's estimate.
 *
 * <p>Parameters are saved in child order: stem, then per stack the body, the heatmap head and (not
 * for the last stack) the two remaps, so {@code saveParameters}/{@code loadParameters} round trip
 * between networks built from the same spec and options.
 */
public final class StackedHourglass extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int landmarks;
  private final Block stem;
  private final List<Block> bodies = new ArrayList<>();
  private final List<Block> heads = new ArrayList<>();
  private final List<Block> featureRemaps = new ArrayList<>();
  private final List<Block> heatmapRemaps = new ArrayList<>();

  /**
   * @param landmarks N, heatmap channels
   * @param ratio input side over heatmap side, 1, 2 or 4
   * @param stacks number of hourglasses, at least 1
   * @param depth recursion depth of each hourglass; the heatmap side must divide by
   *     {@code 2^depth}
   * @param channels feature width, even
   * @param inputSide side S of the input
   * @param norm makes the normalisation layer for a map of the given side ({@link HourglassBlocks#norm})
   */
  StackedHourglass(int landmarks, int ratio, int stacks, int depth, int channels, int inputSide,
      java.util.function.IntFunction<Block> norm) {
    super(VERSION);
    this.landmarks = landmarks;
    stem = addChildBlock("stem", HourglassBlocks.stem(ratio, channels, inputSide, norm));
    for (int s = 0; s < stacks; s++) {
      bodies.add(addChildBlock("hourglass" + s, HourglassBlocks.stackBody(depth, channels, inputSide / ratio, norm)));
      heads.add(addChildBlock("heatmaps" + s, HourglassBlocks.conv1x1(landmarks)));
      if (s < stacks - 1) {
        featureRemaps.add(addChildBlock("remapFeatures" + s, HourglassBlocks.conv1x1(channels)));
        heatmapRemaps.add(addChildBlock("remapHeatmaps" + s, HourglassBlocks.conv1x1(channels)));
      }
    }
  }

  /** Number of stacks, i.e. of heatmap arrays in the output. */
  public int stacks() {
    return bodies.size();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = stem.forward(store, inputs, training, params);
    NDList heatmapsPerStack = new NDList(bodies.size());
    for (int s = 0; s < bodies.size(); s++) {
      NDList features = bodies.get(s).forward(store, x, training, params);
      NDList heatmaps = heads.get(s).forward(store, features, training, params);
      heatmapsPerStack.add(heatmaps.singletonOrThrow());
      if (s < featureRemaps.size()) {
        NDArray fromFeatures = featureRemaps.get(s).forward(store, features, training, params)
            .singletonOrThrow();
        NDArray fromHeatmaps = heatmapRemaps.get(s).forward(store, heatmaps, training, params)
            .singletonOrThrow();
        x = new NDList(HourglassBlocks.add(x.singletonOrThrow(), fromFeatures, fromHeatmaps));
      }
    }
    return heatmapsPerStack;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape features = stem.getOutputShapes(inputShapes)[0];
    Shape heatmaps = new Shape(features.get(0), landmarks, features.get(2), features.get(3));
    Shape[] out = new Shape[bodies.size()];
    Arrays.fill(out, heatmaps);
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    stem.initialize(manager, dataType, inputShapes);
    Shape[] x = stem.getOutputShapes(inputShapes);
    for (int s = 0; s < bodies.size(); s++) {
      // Body, remaps and the carried sum all keep the stem's shape, so one shape serves them all.
      bodies.get(s).initialize(manager, dataType, x);
      heads.get(s).initialize(manager, dataType, x);
      if (s < featureRemaps.size()) {
        featureRemaps.get(s).initialize(manager, dataType, x);
        heatmapRemaps.get(s).initialize(manager, dataType, heads.get(s).getOutputShapes(x));
      }
    }
  }
}
