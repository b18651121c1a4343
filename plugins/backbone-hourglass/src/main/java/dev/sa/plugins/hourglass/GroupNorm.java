package dev.sa.plugins.hourglass;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Group normalisation (Wu and He, ECCV 2018) of {@code (B, C, H, W)} maps: each face's channels are
 * split into {@code G} groups and each group is normalised by its own mean and variance over its
 * channels and pixels, then scaled and shifted per channel ({@code gamma}, {@code beta}).
 *
 * <p>Why the hourglass offers it (option {@code norm}: on the small maps by default, everywhere with
 * {@code group}): a face is normalised by its own statistics, in training and in evaluation alike.
 * BatchNorm normalises by the batch's statistics in training and by running averages in
 * evaluation; at the hourglass's 2 x 2 and 4 x 4 bottom maps with batches of 8 the batch statistics
 * rest on 32-128 values per channel, the network comes to depend on them, and evaluation collapsed on some seeds (docs/training-stability.md). With
 * no batch statistics there is nothing for evaluation to disagree with. DJL 0.36 has no group
 * normalisation block, so this one is built from array operations that every engine runs.
 *
 * <p>On MXNet, groups of up to {@link #MAX_POOLED} values (the small maps, where {@code mixed} uses
 * it) have their mean and variance as global average poolings of the group seen as one map, and a
 * fully connected layer with fixed weights 1 spreads them back over the group's values; the rest is
 * element-wise. MXNet 1.9's own {@code GroupNorm} operator, used for larger groups, computes the
 * same with generic broadcast reductions that index every element through its coordinates: on
 * the quick-start's network it took a quarter of a training step's operator time (docs/findings.md,
 * session 13). Pooling sums each group on its own, so a face's output does not depend on the batch
 * it is in (inner products for the means would be faster still, but their matrix kernel's rounding
 * changes with the batch). The per-channel scale and shift then run as a BatchNorm on fixed
 * statistics, whose oneDNN kernel is faster than two broadcasting operators.
 */
final class GroupNorm extends AbstractBlock {
  private static final byte VERSION = 1;
  private static final float EPSILON = 1e-5f;

  private final int maxGroups;
  private long channels;
  private int groups;
  private final Parameter gamma;
  private final Parameter beta;
  /** MXNet's GroupNorm operator scales and shifts per group: held at 1 and 0, the per-channel pair follows. */
  private final Parameter groupScale;
  private final Parameter groupShift;
  /** Held at 0 and 1 - eps: MXNet's BatchNorm with these global statistics is the per-channel pair. */
  private final Parameter affineMean;
  private final Parameter affineVar;

  /**
   * Held at 1, shape (L, 1), L = the values of a group: with it a fully connected layer spreads a
   * value per group over the group's values (exactly: one product by 1 each). Made from the input
   * shape, not saved (see {@link #saveParameters}).
   */
  private final Parameter spreadWeight;
  /** Values per group, L: channels per group x the map's pixels. */
  private long perGroup;
  /** The map's width. */
  private long width;

  private final boolean portable;
  /**
   * The most values per group normalised through pooling on MXNet: up to here (the {@code mixed}
   * default's maps: 8 x 8 with 4 channels per group) pooling is faster than MXNet's operator;
   * above it pooling's backward pass was slower (training steps with {@code norm: group} 2x
   * MXNet's operator at 64 px, 2.8x at 128 px; docs/findings.md, session 13).
   */
  static final long MAX_POOLED = 256;

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
    spreadWeight = addParameter(Parameter.builder().setName("spreadWeight").setType(Parameter.Type.OTHER)
        .optInitializer(ai.djl.training.initializer.Initializer.ONES).optRequiresGrad(false).build());
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
      NDArray n = perGroup <= MAX_POOLED ? normalisedByPooling(store, x, training)
          : normalisedByKernel(store, x, training);
      // Then the per-channel pair as a BatchNorm on fixed statistics (mean 0, variance 1 - eps:
      // y = gamma x + beta).
      return new NDList(op(x.getManager(), "BatchNorm", new NDList(n,
          store.getValue(gamma, x.getDevice(), training), store.getValue(beta, x.getDevice(), training),
          store.getValue(affineMean, x.getDevice(), training), store.getValue(affineVar, x.getDevice(), training)),
          "eps", EPSILON, "fix_gamma", false, "use_global_stats", true));
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

  /**
   * {@code x} with each face's groups at mean 0 and variance 1, in MXNet operators: the group's
   * mean and variance by {@link #groupMean}, spread back over the group's values by a product with
   * {@link #spreadWeight}; the rest is element-wise. Shapes are kept symbolic in the batch
   * (Reshape's 0, FullyConnected over the last axis), so a graph recorded on one face runs on any
   * batch.
   */
  private NDArray normalisedByPooling(ParameterStore store, NDArray x, boolean training) {
    NDManager m = x.getManager();
    NDArray spread = store.getValue(spreadWeight, x.getDevice(), training);
    NDArray grouped = op(m, "Reshape", new NDList(x), "shape", "(0," + groups + ",-1)");
    NDArray centred = op(m, "elemwise_sub", new NDList(grouped, spreadOver(m, groupMean(m, grouped), spread)));
    NDArray variance = groupMean(m, op(m, "square", new NDList(centred)));
    NDArray inverse = op(m, "rsqrt", new NDList(op(m, "_plus_scalar", new NDList(variance), "scalar", EPSILON)));
    NDArray normalised = op(m, "elemwise_mul", new NDList(centred, spreadOver(m, inverse, spread)));
    return op(m, "reshape_like", new NDList(normalised, x));
  }

  /** MXNet's GroupNorm operator, with per-group scale 1 and shift 0. */
  private NDArray normalisedByKernel(ParameterStore store, NDArray x, boolean training) {
    NDArray one = store.getValue(groupScale, x.getDevice(), training);
    NDArray zero = store.getValue(groupShift, x.getDevice(), training);
    return op(x.getManager(), "GroupNorm", new NDList(x, one, zero), "num_groups", groups, "eps", EPSILON);
  }

  /** The mean of each group of {@code (B, G, L)}: a global average pooling over the group seen as a (L / W) x W map. */
  private NDArray groupMean(NDManager m, NDArray grouped) {
    NDArray map = op(m, "Reshape", new NDList(grouped), "shape", "(0,0,-1," + width + ")");
    NDArray pooled = op(m, "Pooling", new NDList(map), "kernel", "(1,1)", "pool_type", "avg", "global_pool", true);
    return op(m, "Reshape", new NDList(pooled), "shape", "(0,0,1)");
  }

  /** A {@code (B, G, 1)} value per group spread over its L values: FullyConnected with {@link #spreadWeight}. */
  private NDArray spreadOver(NDManager m, NDArray perGroupValue, NDArray spread) {
    return op(m, "FullyConnected", new NDList(perGroupValue, spread), "num_hidden", perGroup, "no_bias", true,
        "flatten", false);
  }

  /** The MXNet operator {@code name} with the attributes {@code kv} (name, value, ...): its first output. */
  private static NDArray op(NDManager m, String name, NDList in, Object... kv) {
    PairList<String, Object> a = new PairList<>();
    for (int i = 0; i < kv.length; i += 2) {
      a.add((String) kv[i], kv[i + 1]);
    }
    return m.invoke(name, in, a).get(0);
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
    perGroup = inputShapes[0].size() / inputShapes[0].get(0) / groups;
    width = inputShapes[0].get(inputShapes[0].dimension() - 1);
    spreadWeight.setShape(new Shape(perGroup, 1));
  }

  /**
   * Saves DJL's layout without the fixed spreading weights, which {@link #prepare} makes from the
   * input shape: checkpoints keep the layout they had before the weights existed, and a block loads them
   * after {@code initialize}, as every reader of checkpoints does.
   */
  @Override
  public void saveParameters(DataOutputStream os) throws IOException {
    os.write(version);
    saveMetadata(os);
    for (Parameter p : saved()) {
      p.save(os);
    }
  }

  @Override
  public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
    loadMetadata(is.readByte(), is);
    for (Parameter p : saved()) {
      p.load(manager, is);
    }
  }

  private List<Parameter> saved() {
    return List.of(gamma, beta, groupScale, groupShift, affineMean, affineVar);
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
