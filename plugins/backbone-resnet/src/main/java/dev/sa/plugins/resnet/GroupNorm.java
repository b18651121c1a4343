package dev.sa.plugins.resnet;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Group normalisation (Wu and He, ECCV 2018) of {@code (B, C, H, W)} feature maps: the C channels
 * are split into G groups and each group of each sample is standardised over its channels and
 * pixels, then scaled and shifted per channel ({@code gamma} starts at 1, {@code beta} at 0).
 *
 * <p>Unlike BatchNorm it keeps no running statistics and never looks across the batch, so
 * training and inference compute exactly the same function, whatever the batch size. Built from
 * plain {@link NDArray} operations, so it runs on any engine.
 */
final class GroupNorm extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int maxGroups;
  private final float epsilon;
  private final Parameter gamma;
  private final Parameter beta;

  /**
   * @param maxGroups G; fewer groups are used where C is not a multiple of it (the largest
   *     divisor of C not above G)
   * @param epsilon added to each group's variance
   */
  GroupNorm(int maxGroups, float epsilon) {
    super(VERSION);
    if (maxGroups < 1 || !(epsilon > 0)) {
      throw new IllegalArgumentException(
          "group norm needs groups >= 1 and epsilon > 0, got " + maxGroups + ", " + epsilon);
    }
    this.maxGroups = maxGroups;
    this.epsilon = epsilon;
    gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
    beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
  }

  /** The number of groups for C channels: the largest divisor of C that is at most G. */
  static int groups(long channels, int maxGroups) {
    for (int g = (int) Math.min(maxGroups, channels); g > 1; g--) {
      if (channels % g == 0) {
        return g;
      }
    }
    return 1;
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    long channels = inputShapes[0].get(1);
    gamma.setShape(new Shape(channels));
    beta.setShape(new Shape(channels));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape shape = x.getShape();
    long channels = shape.get(1);
    NDArray grouped = x.reshape(shape.get(0), groups(channels, maxGroups), -1);
    NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
    NDArray variance = centred.square().mean(new int[] {2}, true);
    NDArray normalised = centred.div(variance.add(epsilon).sqrt()).reshape(shape);
    NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(1, channels, 1, 1);
    NDArray b = store.getValue(beta, x.getDevice(), training).reshape(1, channels, 1, 1);
    return new NDList(normalised.mul(g).add(b));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  public void loadMetadata(byte loadVersion, DataInputStream is)
      throws IOException, MalformedModelException {
    if (loadVersion != VERSION) {
      throw new MalformedModelException("Unsupported encoding version: " + loadVersion);
    }
    readInputShapes(is);
  }
}
