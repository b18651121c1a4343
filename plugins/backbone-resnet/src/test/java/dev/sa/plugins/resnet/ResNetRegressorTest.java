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
    return new ResNetPlugin().build(new BackboneSpec(
        landmarks, INPUT, INPUT, new ResNetOptions(depth, weights, null, null, null)));
  }

  private static NDArray infer(Block block, NDManager manager, NDArray images) {
    return block.forward(new ParameterStore(manager, false), new NDList(images), false)
        .singletonOrThrow();
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
  void outputsTwoCoordinatesPerLandmarkWithTheHeadBiasAtTheCentre() {
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
      // The head's bias starts at 0.5 so that predictions start around the crop centre.
      NDArray bias = backbone.block().getChildren().values().stream()
          .filter(Linear.class::isInstance).reduce((first, second) -> second).orElseThrow()
          .getParameters().get("bias").getArray();
      assertThat(bias.getShape()).isEqualTo(new Shape(2 * LANDMARKS));
      assertThat(bias.toFloatArray()).containsOnly(0.5f);
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
