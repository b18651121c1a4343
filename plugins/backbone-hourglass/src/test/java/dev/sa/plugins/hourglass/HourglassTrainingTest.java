package dev.sa.plugins.hourglass;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.sa.api.BackboneSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class HourglassTrainingTest {
  private static final int BATCH = 2;
  private static final int LANDMARKS = 3;
  private static final int INPUT = 16;
  private static final int HEATMAP = 8;

  private static Block tinyBlock() {
    return tinyBlock(null);
  }

  private static Block tinyBlock(String norm) {
    return new HourglassPlugin().build(new BackboneSpec(
        LANDMARKS, INPUT, HEATMAP, new HourglassOptions(2, 2, 16, norm, null, null))).block();
  }

  @Test
  void adamStepsReduceTheMseToAFixedGaussianTarget() {
    Engine.getInstance().setRandomSeed(7);
    Shape input = new Shape(BATCH, 3, INPUT, INPUT);
    try (TinyTraining training = new TinyTraining(tinyBlock(), input, 3e-3f)) {
      NDManager manager = training.manager();
      NDArray images = manager.randomUniform(-0.5f, 0.5f, input);
      NDArray target = TinyTraining.gaussians(manager, BATCH, LANDMARKS, HEATMAP);
      float first = training.step(images, target);
      float last = first;
      for (int i = 0; i < 24; i++) {
        last = training.step(images, target);
      }
      assertThat(Float.isFinite(last)).isTrue();
      assertThat(last).isLessThan(0.3f * first);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"group", "batch"})
  void parametersRoundTripThroughSaveAndLoad(String norm) throws Exception {
    Shape input = new Shape(BATCH, 3, INPUT, INPUT);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray images = manager.randomUniform(-0.5f, 0.5f, input);
      Engine.getInstance().setRandomSeed(1);
      Block saved = tinyBlock(norm);
      saved.initialize(manager, DataType.FLOAT32, input);
      // One training-mode pass moves the BatchNorm running statistics away from their initial
      // values, so the round trip covers them too. MXNet runs BatchNorm in training mode only
      // while recording.
      try (GradientCollector recording = Engine.getInstance().newGradientCollector()) {
        saved.forward(new ParameterStore(manager, false), new NDList(images), true);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      saved.saveParameters(new DataOutputStream(bytes));

      Engine.getInstance().setRandomSeed(2);
      Block loaded = tinyBlock(norm);
      loaded.initialize(manager, DataType.FLOAT32, input);
      NDList expected = infer(saved, manager, images);
      assertThat(infer(loaded, manager, images).get(1).contentEquals(expected.get(1))).isFalse();

      loaded.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      NDList actual = infer(loaded, manager, images);
      for (int s = 0; s < expected.size(); s++) {
        assertThat(actual.get(s).contentEquals(expected.get(s))).as("stack %d", s).isTrue();
      }
    }
  }

  @Test
  void aLoadedNetworkKeepsItsValuesAndTrainsOn() throws Exception {
    Shape input = new Shape(BATCH, 3, INPUT, INPUT);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NDArray expected;
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      Block saved = tinyBlock();
      saved.initialize(manager, DataType.FLOAT32, input);
      saved.saveParameters(new DataOutputStream(bytes));
      expected = infer(saved, manager, ramp(manager, input)).get(1);
      expected.detach();
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      expected.attach(manager);
      Engine.getInstance().setRandomSeed(4);
      Block loaded = tinyBlock();
      loaded.initialize(manager, DataType.FLOAT32, input);
      loaded.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      // A trainer created after loading must neither re-initialise nor lose the gradients.
      try (TinyTraining training = new TinyTraining(loaded, input, 3e-3f)) {
        NDArray images = ramp(training.manager(), input);
        assertThat(infer(loaded, training.manager(), images).get(1).contentEquals(expected)).isTrue();
        NDArray target = TinyTraining.gaussians(training.manager(), BATCH, LANDMARKS, HEATMAP);
        float first = training.step(images, target);
        float last = first;
        for (int i = 0; i < 9; i++) {
          last = training.step(images, target);
        }
        assertThat(last).isLessThan(0.8f * first);
      }
    }
  }

  /** A deterministic, varied image batch in [-0.5, 0.5). */
  private static NDArray ramp(NDManager manager, Shape shape) {
    return manager.arange((float) shape.size()).div(shape.size()).sub(0.5f).reshape(shape)
        .transpose(0, 1, 3, 2);
  }

  private static NDList infer(Block block, NDManager manager, NDArray images) {
    return block.forward(new ParameterStore(manager, false), new NDList(images), false);
  }
}
