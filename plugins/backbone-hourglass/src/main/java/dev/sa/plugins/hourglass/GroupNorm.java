package dev.sa.plugins.hourglass;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Group normalisation (Wu and He, ECCV 2018) of {@code (B, C, H, W)} maps: each face's channels are
 * split into {@code G} groups and each group is normalised by its own mean and variance over its
 * channels and pixels, then scaled and shifted per channel ({@code gamma}, {@code beta}).
 *
 * <p>Why the hourglass offers it (option {@code norm: group}, the default): a face is normalised by
 * its own statistics, in training and in evaluation alike. BatchNorm normalises by the batch's
 * statistics in training and by running averages in evaluation; at the hourglass's 2 x 2 and 4 x 4
 * bottom maps with batches of 8 the batch statistics rest on 32-128 values per channel, the network
 * comes to depend on them, and evaluation collapsed on some seeds (docs/training-stability.md). With
 * no batch statistics there is nothing for evaluation to disagree with. DJL 0.36 has no group
 * normalisation block, so this one is built from array operations that every engine runs.
 */
final class GroupNorm extends AbstractBlock {
  private static final byte VERSION = 1;
  private static final float EPSILON = 1e-5f;

  private final int maxGroups;
  private long channels;
  private int groups;
  private final Parameter gamma;
  private final Parameter beta;
  /** MXNet's operator scales and shifts per group: held at 1 and 0, the per-channel pair follows. */
  private final Parameter groupScale;
  private final Parameter groupShift;
  /** Held at 0 and 1 - eps: MXNet's BatchNorm with these global statistics is the per-channel pair. */
  private final Parameter affineMean;
  private final Parameter affineVar;

  private final boolean portable;

  /** @param maxGroups groups per face, lowered to the largest divisor of the channel count */
  GroupNorm(int maxGroups) {
    this(maxGroups, false);
  }

  /** @param portable array operations only, also on MXNet (the reference the kernel is tested against) */
  GroupNorm(int maxGroups, boolean portable) {
    super(VERSION);
    this.maxGroups = maxGroups;
    this.portable = portable;
    gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
    beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    groupScale = addParameter(Parameter.builder().setName("groupScale").setType(Parameter.Type.GAMMA)
        .optRequiresGrad(false).build());
    groupShift = addParameter(Parameter.builder().setName("groupShift").setType(Parameter.Type.BETA)
        .optRequiresGrad(false).build());
    affineMean = addParameter(Parameter.builder().setName("affineMean").setType(Parameter.Type.OTHER)
        .optInitializer(ai.djl.training.initializer.Initializer.ZEROS).optRequiresGrad(false).build());
    affineVar = addParameter(Parameter.builder().setName("affineVar").setType(Parameter.Type.OTHER)
        .optInitializer(new ai.djl.training.initializer.ConstantInitializer(1f - EPSILON))
        .optRequiresGrad(false).build());
  }

  /** The number of groups for {@code channels} channels: the largest divisor not above {@code max}. */
  static int groups(long channels, int max) {
    for (int g = (int) Math.min(max, channels); g > 1; g--) {
      if (channels % g == 0) {
        return g;
      }
    }
    return 1;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    if (!portable && "MXNet".equals(x.getManager().getEngine().getEngineName())) {
      // MXNet's own GroupNorm kernel (per-group scale 1, shift 0), then the per-channel pair as a
      // BatchNorm on fixed statistics (mean 0, variance 1 - eps: y = gamma x + beta), whose oneDNN
      // kernel is faster than two broadcasting operators (measured, docs/training-stability.md).
      NDArray one = store.getValue(groupScale, x.getDevice(), training);
      NDArray zero = store.getValue(groupShift, x.getDevice(), training);
      PairList<String, Object> groupAttrs = new PairList<>();
      groupAttrs.add("num_groups", groups);
      groupAttrs.add("eps", EPSILON);
      NDArray n = x.getManager().invoke("GroupNorm", new NDList(x, one, zero), groupAttrs).get(0);
      PairList<String, Object> affineAttrs = new PairList<>();
      affineAttrs.add("eps", EPSILON);
      affineAttrs.add("fix_gamma", false);
      affineAttrs.add("use_global_stats", true);
      NDList out = x.getManager().invoke("BatchNorm", new NDList(n,
          store.getValue(gamma, x.getDevice(), training), store.getValue(beta, x.getDevice(), training),
          store.getValue(affineMean, x.getDevice(), training), store.getValue(affineVar, x.getDevice(), training)),
          affineAttrs);
      return new NDList(out.get(0));
    }
    Shape perChannel = new Shape(1, channels, 1, 1);
    NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(perChannel);
    NDArray o = store.getValue(beta, x.getDevice(), training).reshape(perChannel);
    Shape shape = x.getShape();
    NDArray grouped = x.reshape(shape.get(0), groups, -1);
    NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
    NDArray variance = centred.square().mean(new int[] {2}, true);
    NDArray normalised = centred.div(variance.add(EPSILON).sqrt()).reshape(shape);
    return new NDList(normalised.mul(g).add(o));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    super.beforeInitialize(inputShapes);
    channels = inputShapes[0].get(1);
    groups = groups(channels, maxGroups);
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    gamma.setShape(new Shape(channels));
    beta.setShape(new Shape(channels));
    groupScale.setShape(new Shape(groups));
    groupShift.setShape(new Shape(groups));
    affineMean.setShape(new Shape(channels));
    affineVar.setShape(new Shape(channels));
  }

  @Override
  protected void saveMetadata(DataOutputStream os) throws IOException {
    saveInputShapes(os);
    os.writeLong(channels);
    os.writeInt(groups);
  }

  @Override
  public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
    if (loadVersion != VERSION) {
      throw new MalformedModelException("Unsupported GroupNorm encoding version: " + loadVersion);
    }
    readInputShapes(is);
    channels = is.readLong();
    groups = is.readInt();
  }
}
