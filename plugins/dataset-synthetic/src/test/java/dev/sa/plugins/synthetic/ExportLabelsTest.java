package dev.sa.plugins.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportLabelsTest {
  @TempDir
  Path dir;

  @Test
  void writesAnIbugPtsFileWithOneBasedCoordinates() throws Exception {
    SyntheticDataset d = TestData.open(4, TestData.small(3, 1, 1));
    FaceSample s = d.split("train").get(2);
    Landmarks labels = s.landmarksInImage();
    Path file = d.exportLabels(s, labels, dir);
    assertThat(file).isEqualTo(dir.resolve("train/000002.pts"));
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(68 + 4);
    assertThat(lines.get(0)).isEqualTo("version: 1");
    assertThat(lines.get(1)).isEqualTo("n_points:  68");
    assertThat(lines.get(2)).isEqualTo("{");
    assertThat(lines.get(71)).isEqualTo("}");
    for (int i = 0; i < 68; i++) {
      String[] xy = lines.get(3 + i).split(" ");
      assertThat(Double.parseDouble(xy[0])).isCloseTo(labels.x(i) + 1.0, within(0.0006));
      assertThat(Double.parseDouble(xy[1])).isCloseTo(labels.y(i) + 1.0, within(0.0006));
    }
    // Written again over the old file, with no temporary file left behind.
    d.exportLabels(s, s.truthInImage().get(), dir);
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("000002.pts");
    }
    assertThat(Files.readAllLines(file).get(3))
        .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f %.3f",
            s.truthInImage().get().x(0) + 1.0, s.truthInImage().get().y(0) + 1.0));
  }

  @Test
  void refusesAWrongPointCount() {
    SyntheticDataset d = TestData.open(4, TestData.small(1, 1, 1));
    FaceSample s = d.split("train").get(0);
    assertThatThrownBy(() -> d.exportLabels(s, Landmarks.of(new float[] {1, 2}), dir))
        .isInstanceOf(SaException.class)
        .hasMessageContaining("train/000000");
  }
}
