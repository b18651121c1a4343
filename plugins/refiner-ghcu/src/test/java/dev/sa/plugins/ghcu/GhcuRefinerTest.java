package dev.sa.plugins.ghcu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Normalization;
import dev.sa.api.RefinerData;
import dev.sa.api.RefinerSpec;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GhcuRefinerTest {
  @TempDir Path tmp;

  static LandmarkScheme scheme(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("p" + i);
    }
    return new LandmarkScheme("test" + n, names, List.of(),
        List.of(new Normalization.BoxSize("box")), Set.of());
  }

  static RefinerSpec spec(int n, int h, GhcuOptions options) {
    return new RefinerSpec(scheme(n), h, 7L, Device.cpu(), options);
  }

  @Test
  void stridesBringEverySupportedSizeToFourByFour() {
    assertThat(GhcuArchitecture.strides(256)).containsExactly(2, 2, 2, 2, 2, 2);
    assertThat(GhcuArchitecture.strides(64)).containsExactly(2, 2, 2, 2, 1, 1);
    assertThat(GhcuArchitecture.strides(32)).containsExactly(2, 2, 2, 1, 1, 1);
    assertThat(GhcuArchitecture.strides(16)).containsExactly(2, 2, 1, 1, 1, 1);
    for (int bad : new int[] {0, 2, 48, 100, 512}) {
      assertThatThrownBy(() -> GhcuArchitecture.strides(bad))
          .isInstanceOf(SaException.class)
          .hasMessageContaining("heatmap size " + bad)
          .hasMessageContaining("4, 8, 16, 32, 64, 128, 256");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 32, 64})
  void trunkEndsInFourByFourAndRefineReturnsBn2(int h) {
    int n = 3;
    try (NDManager manager = NDManager.newBaseManager()) {
      SequentialBlock net = GhcuArchitecture.build(n, h);
      net.initialize(manager, DataType.FLOAT32, new Shape(2, n, h, h));
      SequentialBlock trunk = (SequentialBlock) net.getChildren().get(0).getValue();
      NDArray x = manager.randomUniform(0, 1, new Shape(2, n, h, h));
      NDArray features = trunk.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
      assertThat(features.getShape()).isEqualTo(new Shape(2, 16, 4, 4));
    }
    RandomRefinerData data = new RandomRefinerData(4, n, h);
    try (GhcuRefiner refiner = new GhcuRefiner(spec(n, h, new GhcuOptions(null, null, 1, 2, null, null)), GhcuOptions.defaults());
        NDManager manager = NDManager.newBaseManager()) {
      refiner.fit(data, line -> {});
      RefinerData.Batch b = data.batch(manager, 0, 3);
      NDArray out = refiner.refine(b.heatmaps(), b.predicted());
      assertThat(out.getShape()).isEqualTo(new Shape(3, n, 2));
      assertThat(out.getManager()).isSameAs(b.heatmaps().getManager());
    }
  }

  @Test
  void learnsTheShapeAndRecoversBlankedPoints() {
    assertRecovers(new GhcuOptions(null, 3e-3, 30, 20, false, null));
  }

  @Test
  void residualModeLearnsToo() {
    assertRecovers(new GhcuOptions("l1", 3e-3, 30, 20, true, null));
  }

  private void assertRecovers(GhcuOptions options) {
    int h = 16;
    OccludedFaces train = new OccludedFaces(200, h, 1);
    OccludedFaces test = new OccludedFaces(100, h, 2);
    List<String> log = new ArrayList<>();
    try (GhcuRefiner refiner = new GhcuRefiner(spec(5, h, options), options);
        NDManager manager = NDManager.newBaseManager()) {
      refiner.fit(train, log::add);
      RefinerData.Batch b = test.batch(manager, 0, test.size());
      float[] refined = refiner.refine(b.heatmaps(), b.predicted()).toFloatArray();
      float[] truth = test.target();
      float[] argmax = test.predicted();
      double baseline = 0;
      double ghcu = 0;
      double visible = 0;
      for (int f = 0; f < test.size(); f++) {
        for (int p = 0; p < 5; p++) {
          int c = (f * 5 + p) * 2;
          double e = Math.hypot(refined[c] - truth[c], refined[c + 1] - truth[c + 1]);
          if (p == test.blanked(f)) {
            ghcu += e;
            baseline += Math.hypot(argmax[c] - truth[c], argmax[c + 1] - truth[c + 1]);
          } else {
            visible += e;
          }
        }
      }
      baseline /= test.size();
      ghcu /= test.size();
      visible /= 4 * test.size();
      System.out.printf("ghcu %s: blanked point error %.3f px (argmax %.3f px), visible %.3f px%n",
          options, ghcu, baseline, visible);
      assertThat(log).hasSize(options.epochs());
      assertThat(log.get(0)).startsWith("ghcu epoch 1/" + options.epochs());
      assertThat(baseline).isGreaterThan(4.0);
      assertThat(ghcu).isLessThan(0.25 * baseline);
      assertThat(visible).isLessThan(1.0);
    }
  }

  @Test
  void saveLoadRoundTripGivesIdenticalOutput() throws Exception {
    int h = 16;
    OccludedFaces data = new OccludedFaces(16, h, 3);
    GhcuOptions options = new GhcuOptions(null, null, 2, 8, null, null);
    Path dir = tmp.resolve("refiner");
    try (NDManager manager = NDManager.newBaseManager()) {
      RefinerData.Batch b = data.batch(manager, 0, 6);
      float[] before;
      try (GhcuRefiner trained = new GhcuRefiner(spec(5, h, options), options)) {
        trained.fit(data, line -> {});
        before = trained.refine(b.heatmaps(), b.predicted()).toFloatArray();
        trained.save(dir);
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly(GhcuRefiner.FILE_NAME);
      }
      try (GhcuRefiner loaded = new GhcuRefiner(spec(5, h, options), options)) {
        loaded.load(dir);
        assertThat(loaded.refine(b.heatmaps(), b.predicted()).toFloatArray()).containsExactly(before);
      }
      try (GhcuRefiner other = new GhcuRefiner(spec(4, h, options), options)) {
        assertThatThrownBy(() -> other.load(dir))
            .isInstanceOf(SaException.class)
            .hasMessageContaining(GhcuRefiner.FILE_NAME)
            .hasMessageContaining("N=5");
      }
    }
  }

  @Test
  void refineBeforeFitIsAPluginError() {
    try (GhcuRefiner refiner = new GhcuRefiner(spec(5, 16, GhcuOptions.defaults()), GhcuOptions.defaults());
        NDManager manager = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> refiner.refine(manager.zeros(new Shape(1, 5, 16, 16)), manager.zeros(new Shape(1, 5, 2))))
          .isInstanceOf(SaException.class)
          .hasMessageContaining("before fit() or load()");
    }
  }
}
