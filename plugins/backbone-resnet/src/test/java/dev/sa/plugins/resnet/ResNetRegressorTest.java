package dev.sa.plugins.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.sa.api.Backbone;
import dev.sa.api.BackboneSpec;
import dev.sa.api.SaException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResNetRegressorTest {
  private static final int BATCH = 2;
  private static final int INPUT = 32;
  private static final int LANDMARKS = 5;
  private static final Shape IMAGES = new Shape(BATCH, 3, INPUT, INPUT);

  @TempDir Path folder;

  private static Backbone build(int landmarks, int depth, String weights) {
    return build(landmarks, new ResNetOptions(depth, weights, null, null, null, null, null, null));
  }

  private static Backbone build(int landmarks, ResNetOptions options) {
    return new ResNetPlugin().build(new BackboneSpec(landmarks, INPUT, INPUT, options));
  }

  private static ResNetOptions options(String norm, Double momentum, Double headScale, String weights) {
    return new ResNetOptions(18, weights, null, null, null, norm, momentum, headScale);
  }

  private static Linear linearHead(Block block) {
    return (Linear) block.getChildren().values().stream()
        .filter(Linear.class::isInstance).reduce((first, second) -> second).orElseThrow();
  }

  private static NDArray infer(Block block, NDManager manager, NDArray images) {
    return block.forward(new ParameterStore(manager, false), new NDList(images), false)
        .singletonOrThrow();
  }

  /** The training-mode forward pass (batch statistics), inside a gradient collector as in training. */
  private static NDArray trainForward(Block block, NDManager manager, NDArray images) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      return block.forward(new ParameterStore(manager, false), new NDList(images), true).singletonOrThrow();
    }
  }

  private Path save(Block block, NDManager manager, String name) throws IOException {
    block.initialize(manager, DataType.FLOAT32, IMAGES);
    Path file = folder.resolve(name);
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      block.saveParameters(out);
    }
    return file;
  }

  @Test
  void outputsTwoCoordinatesPerLandmarkStartingAtTheCentre() {
    Engine.getInstance().setRandomSeed(5);
    Backbone backbone = build(LANDMARKS, 18, null);
    assertThat(backbone.output()).isEqualTo(Backbone.Output.COORDINATES);
    assertThat(backbone.stacks()).isEqualTo(1);
    try (NDManager manager = NDManager.newBaseManager()) {
      backbone.block().initialize(manager, DataType.FLOAT32, IMAGES);
      assertThat(backbone.block().getOutputShapes(new Shape[] {IMAGES}))
          .containsExactly(new Shape(BATCH, 2 * LANDMARKS));
      NDArray out = infer(backbone.block(), manager, manager.randomUniform(-0.5f, 0.5f, IMAGES));
      assertThat(out.getShape()).isEqualTo(new Shape(BATCH, 2 * LANDMARKS));
      // The scaled head adds the crop centre itself; its linear layer's bias starts at 0.
      NDArray bias = linearHead(backbone.block()).getParameters().get("bias").getArray();
      assertThat(bias.getShape()).isEqualTo(new Shape(2 * LANDMARKS));
      assertThat(bias.toFloatArray()).containsOnly(0f);
      // With the head's weights at zero every prediction is exactly the crop centre.
      NDArray weight = linearHead(backbone.block()).getParameters().get("weight").getArray();
      weight.subi(weight);
      NDArray centre = infer(backbone.block(), manager, manager.randomUniform(-0.5f, 0.5f, IMAGES));
      assertThat(centre.toFloatArray()).containsOnly(0.5f);
    }
  }

  @Test
  void unscaledHeadIsResNetV1WithTheBiasAtTheCentre() {
    Engine.getInstance().setRandomSeed(5);
    Block block = build(LANDMARKS, options(null, null, 1.0, null)).block();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, IMAGES);
      assertThat(linearHead(block).getParameters().get("bias").getArray().toFloatArray())
          .containsOnly(0.5f);
      assertThat(block.getChildren().values().get(block.getChildren().size() - 1))
          .isNotInstanceOf(Linear.class); // ResNetV1's own trailing flatten, nothing of ours
    }
  }

  @Test
  void headScaleMultipliesTheOffsetFromTheCentre() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray images = manager.randomUniform(-0.5f, 0.5f, IMAGES);
      float[] offsets = new float[2];
      double[] scales = {1.0, 0.1};
      NDArray[] outs = new NDArray[2];
      for (int i = 0; i < 2; i++) {
        Engine.getInstance().setRandomSeed(21);
        Block block = build(LANDMARKS, options(null, null, scales[i], null)).block();
        block.initialize(manager, DataType.FLOAT32, IMAGES);
        // Same seed, same random weights; only the head's bias differs (0.5 vs 0), set it equal.
        NDArray bias = linearHead(block).getParameters().get("bias").getArray();
        bias.subi(bias);
        outs[i] = infer(block, manager, images).sub(scales[i] == 1.0 ? 0f : 0.5f);
      }
      // (out(0.1) - 0.5) = 0.1 * out(1) when both heads compute the same linear output.
      assertThat(outs[0].abs().max().getFloat()).isGreaterThan(1e-3f);
      assertThat(outs[1].sub(outs[0].mul(0.1f)).abs().max().getFloat())
          .isLessThan(1e-4f * Math.max(1f, outs[0].abs().max().getFloat()));
    }
  }

  @Test
  void momentumSetsHowFastTheBatchNormRunningStatisticsMove() {
    Engine.getInstance().setRandomSeed(3);
    float momentum = 0.25f;
    // At 64 px ResNetV1 uses the ImageNet stem: 7x7 convolution, BatchNorm, ReLU, max-pooling.
    Shape images64 = new Shape(BATCH, 3, 64, 64);
    Block block = new ResNetPlugin().build(new BackboneSpec(
        LANDMARKS, 64, 64, options("batch", (double) momentum, null, null))).block();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, images64);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray images = manager.randomUniform(0f, 1f, images64);
      // The stem's BatchNorm: after one training step (MXNet updates the running statistics in
      // the backward pass) its running mean (from 0) is (1 - momentum) * the batch mean of what
      // enters it.
      java.util.List<Block> children = block.getChildren().values();
      int first = 0;
      while (!(children.get(first) instanceof ai.djl.nn.norm.BatchNorm)) {
        first++;
      }
      NDList in = new NDList(images);
      for (int i = 0; i < first; i++) {
        in = children.get(i).forward(store, in, false);
      }
      NDArray expected = in.singletonOrThrow().mean(new int[] {0, 2, 3}).mul(1 - momentum);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(block.forward(store, new NDList(images), true).singletonOrThrow().sum());
      }
      NDArray running = children.get(first).getParameters().get("runningMean").getArray();
      // DJL's default momentum (0.9) would give a clearly different running mean.
      assertThat(expected.abs().max().getFloat()).isGreaterThan(1e-2f);
      assertThat(running.sub(expected).abs().max().getFloat()).isLessThan(1e-4f);
    }
  }

  @Test
  void groupNormPredictsTheSameInTrainingAndInferenceAndAloneOrInABatch() {
    Engine.getInstance().setRandomSeed(8);
    Block block = build(LANDMARKS, options("group", null, null, null)).block();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, IMAGES);
      assertThat(block.getParameters().values().stream().map(p -> p.getType()))
          .doesNotContain(ai.djl.nn.Parameter.Type.RUNNING_MEAN, ai.djl.nn.Parameter.Type.RUNNING_VAR);
      NDArray images = manager.randomUniform(-0.5f, 0.5f, IMAGES);
      NDArray inference = infer(block, manager, images);
      NDArray training = trainForward(block, manager, images);
      assertThat(training.sub(inference).abs().max().getFloat()).isLessThan(1e-5f);
      NDArray alone = infer(block, manager, images.get("0:1"));
      assertThat(alone.sub(inference.get("0:1")).abs().max().getFloat()).isLessThan(1e-5f);
    }
  }

  @Test
  void batchNormInferenceDependsOnTheRunningStatisticsNotTheBatch() {
    // The counterpart of the group-norm test: BatchNorm's training forward differs from inference.
    Engine.getInstance().setRandomSeed(8);
    Block block = build(LANDMARKS, options("batch", null, 1.0, null)).block();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, IMAGES);
      NDArray images = manager.randomUniform(-0.5f, 0.5f, IMAGES);
      NDArray inference = infer(block, manager, images);
      NDArray training = trainForward(block, manager, images);
      assertThat(training.sub(inference).abs().max().getFloat()).isGreaterThan(1e-3f);
    }
  }

  @Test
  void groupNormStandardisesEachGroupOfEachSample() {
    assertThat(GroupNorm.groups(64, 32)).isEqualTo(32);
    assertThat(GroupNorm.groups(48, 32)).isEqualTo(24);
    assertThat(GroupNorm.groups(7, 32)).isEqualTo(7);
    assertThat(GroupNorm.groups(7, 4)).isEqualTo(1);
    try (NDManager manager = NDManager.newBaseManager()) {
      GroupNorm norm = new GroupNorm(2, 1e-5f);
      Shape shape = new Shape(3, 4, 5, 5);
      norm.initialize(manager, DataType.FLOAT32, shape);
      NDArray x = manager.randomNormal(3f, 2f, shape, DataType.FLOAT32);
      NDArray y = norm.forward(new ParameterStore(manager, false), new NDList(x), false)
          .singletonOrThrow().reshape(3, 2, 50);
      assertThat(y.mean(new int[] {2}).abs().max().getFloat()).isLessThan(1e-4f);
      assertThat(y.square().mean(new int[] {2}).sub(1f).abs().max().getFloat()).isLessThan(1e-3f);
      // The two groups of a sample are normalised separately: shifting one leaves the other alone.
      NDArray shifted = x.duplicate();
      shifted.set(new ai.djl.ndarray.index.NDIndex("0, 0:2"), x.get("0, 0:2").add(10f));
      NDArray z = norm.forward(new ParameterStore(manager, false), new NDList(shifted), false)
          .singletonOrThrow().reshape(3, 2, 50);
      assertThat(z.sub(y).abs().max().getFloat()).isLessThan(1e-3f);
    }
  }

  @Test
  void missingWeightsFileNamesTheKeyAndThePath() {
    Path missing = folder.resolve("nope.params");
    assertThatThrownBy(() -> build(LANDMARKS, 18, missing.toString()))
        .isInstanceOfSatisfying(SaException.class,
            e -> assertThat(e.kind()).isEqualTo(SaException.Kind.INVALID_INPUT))
        .hasMessageContaining("backbone.options.weights")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void weightsAreLoadedAfterInitialisationAndStillTrain() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray images = manager.randomUniform(-0.5f, 0.5f, IMAGES);
      Engine.getInstance().setRandomSeed(11);
      Block source = build(LANDMARKS, 18, null).block();
      Path file = save(source, manager, "resnet18.params");
      NDArray expected = infer(source, manager, images);

      Engine.getInstance().setRandomSeed(12);
      Block loaded = build(LANDMARKS, 18, file.toString()).block();
      try (Model model = Model.newInstance("resnet-test")) {
        model.setBlock(loaded);
        DefaultTrainingConfig config = new DefaultTrainingConfig(ResNetOptions.defaults().newLoss(INPUT))
            .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
        try (Trainer trainer = model.newTrainer(config)) {
          trainer.initialize(IMAGES);
          NDManager trainerManager = trainer.getManager();
          assertThat(infer(loaded, trainerManager, images).contentEquals(expected)).isTrue();

          // Gradients must reach the loaded arrays, or training would silently do nothing.
          NDArray target = trainerManager.full(new Shape(BATCH, 2 * LANDMARKS), 0.25f);
          try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray loss = trainer.getLoss().evaluate(new NDList(target), trainer.forward(new NDList(images)));
            collector.backward(loss);
          }
          trainer.step();
          NDArray trained = infer(loaded, trainerManager, images);
          assertThat(trained.contentEquals(expected)).isFalse();

          // A second initialisation (e.g. a new trainer for the next phase) must not reload.
          loaded.initialize(trainerManager, DataType.FLOAT32, IMAGES);
          assertThat(infer(loaded, trainerManager, images).contentEquals(trained)).isTrue();
        }
      }
    }
  }

  @Test
  void weightsOfAnotherHeadWidthAreRejectedWithThePath() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Path file = save(build(LANDMARKS + 1, 18, null).block(), manager, "wider.params");
      Block block = build(LANDMARKS, 18, file.toString()).block();
      assertThatThrownBy(() -> block.initialize(manager, DataType.FLOAT32, IMAGES))
          .isInstanceOf(SaException.class)
          .hasMessageContaining("backbone.options.weights")
          .hasMessageContaining(file.toString())
          .hasMessageContaining("(12, 512)");
    }
  }

  @Test
  void aResNetV1FileLoadsIntoTheUnscaledHeadOnly() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray images = manager.randomUniform(-0.5f, 0.5f, IMAGES);
      Engine.getInstance().setRandomSeed(13);
      Block zoo = ai.djl.basicmodelzoo.cv.classification.ResNetV1.builder()
          .setImageShape(new Shape(3, INPUT, INPUT)).setNumLayers(18).setOutSize(2 * LANDMARKS).build();
      Path file = save(zoo, manager, "zoo.params");
      NDArray expected = infer(zoo, manager, images);

      Block unscaled = build(LANDMARKS, options("batch", null, 1.0, file.toString())).block();
      unscaled.initialize(manager, DataType.FLOAT32, IMAGES);
      assertThat(infer(unscaled, manager, images).contentEquals(expected)).isTrue();

      Block scaled = build(LANDMARKS, 18, file.toString()).block();
      assertThatThrownBy(() -> scaled.initialize(manager, DataType.FLOAT32, IMAGES))
          .isInstanceOf(SaException.class)
          .hasMessageContaining("backbone.options.weights")
          .hasMessageContaining(file.toString());
    }
  }

  @Test
  void weightsOfAnotherDepthAreRejectedWithThePath() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Path file = save(build(LANDMARKS, 18, null).block(), manager, "resnet18.params");
      Block block = build(LANDMARKS, 34, file.toString()).block();
      assertThatThrownBy(() -> block.initialize(manager, DataType.FLOAT32, IMAGES))
          .isInstanceOf(SaException.class)
          .hasMessageContaining("backbone.options.weights")
          .hasMessageContaining(file.toString())
          .hasMessageContaining("ResNet-34");
    }
  }
}
