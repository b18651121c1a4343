package dev.sa.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunFigures draws from handed faces, points and heatmaps alone: no network, no engine, no run. */
class RunFiguresDrawTest {
  @TempDir
  Path dir;

  private static final LandmarkScheme SCHEME = new LandmarkScheme("ibug68",
      IntStream.range(0, 68).mapToObj(i -> "p" + i).toList(), List.of(),
      List.of(new Normalization.BoxSize("box")), Set.of(0, 4, 8, 19, 28));

  @Test
  void facesHeatmapsAndCorrectionsAreDrawnFromTheDataHandedOver() throws Exception {
    RunFigures f = new RunFigures("HGs+GHCU", SCHEME, SCHEME.defaultNormalization(), 64, 1.2, dir);
    List<FaceSample> faces = new ArrayList<>();
    List<Landmarks> before = new ArrayList<>();
    List<Landmarks> after = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      FaceSample s = Fixtures.sample("face" + i, 120, i);
      faces.add(s);
      before.add(Fixtures.shift(s.landmarksInImage(), i, 0));
      after.add(s.landmarksInImage());
    }
    List<RunFigures.Panel> panels = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      panels.add(new RunFigures.Panel(faces.get(i), before.get(i), i == 0 ? after.get(0) : null));
    }
    Path grid = f.faces(List.of(new RunFigures.Section("training faces (8)", panels)), true);
    int h = 16;
    float[] strong = Fixtures.gaussian(h, 7, 8, 1.0, 1.0, 1.0);
    float[] weak = Fixtures.gaussian(h, 7, 8, 1.0, 3.0, 0.5);
    Path maps = f.heatmaps("common", new int[] {36, 4}, List.of(new RunFigures.HeatmapExample(faces.get(0),
        Heatmap.of(strong, 0, h), Heatmap.of(weak, 0, h))), h);
    Path corrections = f.refiner("challenge", faces, before, after);
    assertThat(List.of(grid, maps, corrections)).extracting(p -> p.getFileName().toString())
        .containsExactly("hgs-ghcu-faces.png", "hgs-ghcu-heatmaps.png", "hgs-ghcu-refiner-challenge.png");
    for (Path p : List.of(grid, maps, corrections)) {
      BufferedImage img = ImageIO.read(p.toFile());
      assertThat(FigureFaceGridTest.distinctColours(img)).as(p.toString()).isGreaterThan(200);
    }
  }

  @Test
  void facesAreChosenEvenlyAndTheHardSubsetShowsTheRefiner() {
    List<FaceSample> pool = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      pool.add(Fixtures.sample("f" + i, 48, i));
    }
    assertThat(RunFigures.pick(pool, 3)).extracting(FaceSample::id).doesNotHaveDuplicates().hasSize(3);
    Map<String, List<FaceSample>> shown = RunFigures.testSubsets(Map.of("full", pool));
    assertThat(shown).containsOnlyKeys("full");
    assertThat(RunFigures.refinerSubset(new java.util.LinkedHashSet<>(List.of("common", "challenge"))))
        .isEqualTo("challenge");
    assertThat(RunFigures.refinerSubset(Set.of("common"))).isEqualTo("common");
  }
}
