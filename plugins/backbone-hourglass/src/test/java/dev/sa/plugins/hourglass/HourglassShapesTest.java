package dev.sa.plugins.hourglass;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.sa.api.Backbone;
import dev.sa.api.BackboneSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HourglassShapesTest {
  @ParameterizedTest(name = "S={0} h={1} stacks={2}")
  @CsvSource({"32,8,1", "32,8,2", "16,8,1", "16,8,2", "8,8,1", "8,8,2", "24,12,1"})
  void everyStackGivesOneHeatmapPerLandmarkAtTheHeatmapSize(int inputSize, int heatmapSize, int stacks) {
    int landmarks = 5;
    int batch = 2;
    Backbone backbone = new HourglassPlugin().build(new BackboneSpec(
        landmarks, inputSize, heatmapSize, new HourglassOptions(stacks, 4, 16, null, null, null)));
    assertThat(backbone.output()).isEqualTo(Backbone.Output.HEATMAPS);
    assertThat(backbone.stacks()).isEqualTo(stacks);

    Shape input = new Shape(batch, 3, inputSize, inputSize);
    Shape expected = new Shape(batch, landmarks, heatmapSize, heatmapSize);
    try (NDManager manager = NDManager.newBaseManager()) {
      backbone.block().initialize(manager, DataType.FLOAT32, input);
      assertThat(backbone.block().getOutputShapes(new Shape[] {input}))
          .hasSize(stacks).containsOnly(expected);
      NDList out = backbone.block().forward(new ParameterStore(manager, false),
          new NDList(manager.randomUniform(-0.5f, 0.5f, input)), false);
      assertThat(out).hasSize(stacks);
      out.forEach(heatmaps -> assertThat(heatmaps.getShape()).isEqualTo(expected));
    }
  }
}
