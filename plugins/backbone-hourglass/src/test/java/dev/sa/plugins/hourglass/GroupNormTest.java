package dev.sa.plugins.hourglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.sa.api.BackboneSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupNormTest {
  private static final Shape X = new Shape(3, 12, 4, 4);

  @Test
  void groupsAreTheLargestDivisorUpToTheMaximum() {
    assertThat(GroupNorm.groups(128, 32)).isEqualTo(32);
    assertThat(GroupNorm.groups(12, 32)).isEqualTo(12);
    assertThat(GroupNorm.groups(48, 32)).isEqualTo(24);
    assertThat(GroupNorm.groups(7, 4)).isEqualTo(1);
  }

  /** Each face's group of channels has mean beta and standard deviation gamma after the norm. */
  @Test
  void normalisesEachFaceAndGroupByItsOwnStatistics() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      NDArray x = m.randomNormal(2f, 3f, X, DataType.FLOAT32);
      for (boolean portable : new boolean[] {false, true}) {
        GroupNorm norm = new GroupNorm(4, portable);
        norm.initialize(m, DataType.FLOAT32, X);
        float[] y = norm.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
            .toFloatArray();
        int perGroup = 3 * 16;
        for (int g = 0; g < 3 * 4; g++) {
          double mean = 0;
          double sq = 0;
          for (int i = 0; i < perGroup; i++) {
            mean += y[g * perGroup + i] / perGroup;
          }
          for (int i = 0; i < perGroup; i++) {
            sq += Math.pow(y[g * perGroup + i] - mean, 2) / perGroup;
          }
          assertThat(mean).as("portable %s, group %d", portable, g).isCloseTo(0, within(1e-4));
          assertThat(Math.sqrt(sq)).as("portable %s, group %d", portable, g).isCloseTo(1, within(1e-3));
        }
      }
    }
  }

  /**
   * On MXNet a face's output does not depend on the faces beside it in the batch, to the bit:
   * prediction gives a face the same landmarks alone, in a batch and from concurrent callers.
   */
  @Test
  void aFaceIsNormalisedToTheBitTheSameAloneAndInABatch() {
    Shape batch = new Shape(7, 12, 6, 6);
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(13);
      NDArray x = m.randomNormal(1f, 3f, batch, DataType.FLOAT32);
      GroupNorm norm = new GroupNorm(4);
      norm.initialize(m, DataType.FLOAT32, batch);
      float[] all = norm.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
      for (int face : new int[] {0, 3, 6}) {
        float[] alone = norm.forward(new ParameterStore(m, false), new NDList(x.get(face).expandDims(0)), false)
            .singletonOrThrow().toFloatArray();
        assertThat(alone).as("face %d", face)
            .containsExactly(java.util.Arrays.copyOfRange(all, face * alone.length, (face + 1) * alone.length));
      }
    }
  }

  /**
   * The pooling form gives what MXNet's own GroupNorm operator gives (per-group scale 1,
   * shift 0, the per-channel pair held at 1 and 0), values and input gradients, on a map whose
   * groups hold 96 values and one whose groups hold 9.
   */
  @Test
  void poolingGivesWhatMxnetsGroupNormOperatorGives() {
    for (Shape shape : new Shape[] {X, new Shape(5, 6, 1, 3)}) {
      try (NDManager m = NDManager.newBaseManager()) {
        Engine.getInstance().setRandomSeed(7);
        NDArray x0 = m.randomNormal(1f, 3f, shape, DataType.FLOAT32);
        NDArray r = m.randomNormal(shape);
        float[][] out = new float[2][];
        float[][] gradX = new float[2][];
        for (int k = 0; k < 2; k++) {
          GroupNorm norm = new GroupNorm(2);
          norm.initialize(m, DataType.FLOAT32, shape);
          NDArray x = x0.duplicate();
          x.setRequiresGradient(true);
          try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDArray y = k == 0
                ? norm.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow()
                : mxnetOperator(m, x, 2);
            out[k] = y.toFloatArray();
            c.backward(y.mul(r).sum());
          }
          gradX[k] = x.getGradient().toFloatArray();
        }
        assertClose(out[0], out[1], 1e-4f);
        assertClose(gradX[0], gradX[1], 1e-3f);
      }
    }
  }

  private static NDArray mxnetOperator(NDManager m, NDArray x, int groups) {
    ai.djl.util.PairList<String, Object> attrs = new ai.djl.util.PairList<>();
    attrs.add("num_groups", groups);
    attrs.add("eps", 1e-5f);
    return m.invoke("GroupNorm", new NDList(x, m.ones(new Shape(groups)), m.zeros(new Shape(groups))), attrs)
        .get(0);
  }

  /**
   * A checkpoint holds the learnt pair and the fixed statistics only, not the spreading product's fixed
   * weights (made from the input shape): its size does not depend on the map's side, so checkpoints
   * from before those weights existed keep their layout; saved and loaded into a fresh block, the
   * output is the same.
   */
  @Test
  void checkpointsHoldNeitherFixedWeightAndRoundTrip() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(9);
      java.util.List<Integer> sizes = new java.util.ArrayList<>();
      for (long side : new long[] {4, 8}) {
        Shape shape = new Shape(2, 12, side, side);
        GroupNorm saved = new GroupNorm(4);
        saved.initialize(m, DataType.FLOAT32, shape);
        m.randomNormal(new Shape(12)).copyTo(saved.getParameters().get("gamma").getArray());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        saved.saveParameters(new java.io.DataOutputStream(bytes));
        sizes.add(bytes.size());
        GroupNorm loaded = new GroupNorm(4);
        loaded.initialize(m, DataType.FLOAT32, shape);
        loaded.loadParameters(m, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        NDArray x = m.randomNormal(shape);
        assertThat(loaded.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
            .toFloatArray()).containsExactly(
                saved.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray());
      }
      assertThat(sizes.get(1)).isEqualTo(sizes.get(0));
    }
  }

  /**
   * MXNet's forms (pooling on groups of 96 values, MXNet's operator on groups of 3 x 12 x 12 = 432,
   * each with the per-channel pair after it) and the portable form agree, gradients too.
   */
  @ParameterizedTest
  @ValueSource(longs = {4, 12})
  void mxnetFormAndPortableFormGiveTheSameValuesAndGradients(long side) {
    Shape shape = new Shape(3, 12, side, side);
    assertThat(3 * side * side > GroupNorm.MAX_POOLED).isEqualTo(side == 12);
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      NDArray x0 = m.randomNormal(0f, 2f, shape, DataType.FLOAT32);
      NDArray r = m.randomNormal(shape);
      NDArray gammaBeta = m.randomNormal(new Shape(2, 12));
      float[][] out = new float[2][];
      float[][] gradX = new float[2][];
      float[][] gradGamma = new float[2][];
      for (int k = 0; k < 2; k++) {
        GroupNorm norm = new GroupNorm(4, k == 1);
        norm.initialize(m, DataType.FLOAT32, shape);
        Parameter gamma = norm.getParameters().get("gamma");
        gammaBeta.get(0).copyTo(gamma.getArray());
        gammaBeta.get(1).copyTo(norm.getParameters().get("beta").getArray());
        NDArray x = x0.duplicate();
        x.setRequiresGradient(true);
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
          NDArray y = norm.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
          out[k] = y.toFloatArray();
          c.backward(y.mul(r).sum());
        }
        gradX[k] = x.getGradient().toFloatArray();
        gradGamma[k] = gamma.getArray().getGradient().toFloatArray();
      }
      assertClose(out[0], out[1], 1e-4f);
      assertClose(gradX[0], gradX[1], 1e-3f);
      assertClose(gradGamma[0], gradGamma[1], 1e-3f);
    }
  }

  /**
   * The root of the evaluation collapse: with BatchNorm a face's output depends on the batch it is
   * in (training) or on running averages (evaluation). With the default group normalisation it is
   * the same face alone, in a batch, in training and in evaluation mode.
   */
  @Test
  void aGroupNormHourglassGivesAFaceTheSameOutputAloneInABatchAndInEvaluation() {
    Shape input = new Shape(4, 3, 16, 16);
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(11);
      Block block = new HourglassPlugin().build(new BackboneSpec(3, 16, 8,
          new HourglassOptions(null, null, null, "group", null, null))).block();
      block.initialize(m, DataType.FLOAT32, input);
      NDArray images = m.randomUniform(-0.5f, 0.5f, input);
      float[] evalAlone = last(block, m, images.get(new NDIndex("0:1")), false);
      float[] trainAlone = last(block, m, images.get(new NDIndex("0:1")), true);
      float[] trainBatch = last(block, m, images, true);
      float[] firstOfBatch = java.util.Arrays.copyOf(trainBatch, evalAlone.length);
      assertClose(trainAlone, evalAlone, 1e-5f);
      assertClose(firstOfBatch, evalAlone, 1e-5f);
      for (Pair<String, Parameter> p : block.getParameters()) {
        assertThat(p.getValue().getType()).isNotIn(Parameter.Type.RUNNING_MEAN, Parameter.Type.RUNNING_VAR);
      }
    }
  }

  @Test
  void batchNormIsStillThereOnRequestAndOtherNormsAreRefused() {
    Block block = new HourglassPlugin().build(new BackboneSpec(3, 16, 8,
        new HourglassOptions(1, 1, 8, "batch", null, null))).block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
      assertThat(block.getParameters().stream().map(p -> p.getValue().getType()))
          .contains(Parameter.Type.RUNNING_MEAN);
    }
    assertThatThrownBy(() -> new HourglassOptions(null, null, null, "layer", null, null))
        .hasMessage("norm must be mixed, group or batch, got layer");
    assertThatThrownBy(() -> new HourglassOptions(null, null, null, null, 0, null))
        .hasMessageContaining("groups must be between 1 and");
  }

  /** The default (mixed): BatchNorm on the large maps only, groups from 8 x 8 down. */
  @Test
  void theDefaultNormalisesMapsUpToEightByGroupsAndLargerOnesByBatch() {
    Block block = new HourglassPlugin().build(new BackboneSpec(3, 64, 16, HourglassOptions.defaults())).block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
      java.util.List<Long> batchNormSides = new java.util.ArrayList<>();
      java.util.List<Long> groupNormSides = new java.util.ArrayList<>();
      sides(block, new Shape(1, 3, 64, 64), batchNormSides, groupNormSides);
      assertThat(batchNormSides).isNotEmpty().allMatch(s -> s > 8);
      assertThat(groupNormSides).isNotEmpty().allMatch(s -> s <= 8);
      assertThat(groupNormSides).contains(8L, 4L, 2L);
    }
  }

  /** Collects the map side each normalisation layer sees, from the blocks' recorded input shapes. */
  private static void sides(Block block, Shape unused, java.util.List<Long> batch, java.util.List<Long> group) {
    for (Pair<String, Block> child : block.getChildren()) {
      Block b = child.getValue();
      if (b instanceof ai.djl.nn.norm.BatchNorm) {
        batch.add(b.getInputShapes()[0].get(2));
      } else if (b instanceof GroupNorm) {
        group.add(b.getInputShapes()[0].get(2));
      } else {
        sides(b, unused, batch, group);
      }
    }
  }

  private static float[] last(Block block, NDManager m, NDArray images, boolean training) {
    if (!training) {
      NDList out = block.forward(new ParameterStore(m, false), new NDList(images), false);
      return out.get(out.size() - 1).toFloatArray();
    }
    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
      NDList out = block.forward(new ParameterStore(m, false), new NDList(images), true);
      return out.get(out.size() - 1).toFloatArray();
    }
  }

  private static void assertClose(float[] a, float[] b, float tolerance) {
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).as("element %d", i).isCloseTo(b[i], within(tolerance * Math.max(1f, Math.abs(b[i]))));
    }
  }
}
