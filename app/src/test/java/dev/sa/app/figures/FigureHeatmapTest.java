package dev.sa.app.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.Landmarks;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureHeatmapTest {
  @TempDir
  Path dir;

  static final int H = 64;
  static final int SIDE = 128;

  /** A sharp eye-corner peak and a low flat hat stretched along the jaw, as in paper Fig. 2a. */
  static HeatmapFigure.Example example(long seed) {
    Landmarks p = Fixtures.face68(SIDE, seed);
    double f = (double) H / SIDE;
    float[] strong = Fixtures.gaussian(H, (p.x(36) + 0.5) * f - 0.5, (p.y(36) + 0.5) * f - 0.5, 1.2, 1, 0.95);
    float[] weak = Fixtures.gaussian(H, (p.x(4) + 0.5) * f - 0.5, (p.y(4) + 0.5) * f - 0.5, 1.6, 3.0, 0.45);
    return new HeatmapFigure.Example("face " + seed, Fixtures.faceImage(SIDE, p), Heatmap.of(strong, 0, H),
        Heatmap.of(weak, 0, H));
  }

  @Test
  void strongAndWeakHeatmapsRenderToAValidPng() throws Exception {
    List<HeatmapFigure.Example> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(example(i));
    }
    int cell = 140;
    String title = "HGs: heatmaps of a strong and a weak point";
    BufferedImage img = HeatmapFigure.render(title, "eye_a_0 (36)", "jaw_4 (4)", rows, 8, cell);
    Path file = Png.write(img, dir.resolve("heatmaps.png"));
    Files.copy(file, Fixtures.samples().resolve("heatmaps.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    BufferedImage back = ImageIO.read(file.toFile());
    assertThat(back.getWidth()).isEqualTo(8 + 5 * (cell + 8));
    assertThat(FigureFaceGridTest.distinctColours(back)).isGreaterThan(300);
    assertThat(Files.size(file)).isLessThan(500_000L);

    // The 2-D patches are centred on the peak: bright (yellow) for the strong point, darker for the weak one.
    int y0 = Canvas.headerHeight(title, HeatmapFigure.subtitle(8, 1.0), 5 * (cell + 8) - 8) + 16 + 4;
    Color strongCentre = new Color(back.getRGB(8 + (cell + 8) + cell / 2 + 3, y0 + cell / 2 + 3));
    Color weakCentre = new Color(back.getRGB(8 + 3 * (cell + 8) + cell / 2 + 3, y0 + cell / 2 + 3));
    assertThat(strongCentre.getRed() + strongCentre.getGreen()).as("strong " + strongCentre).isGreaterThan(400);
    assertThat(weakCentre.getRed() + weakCentre.getGreen()).as("weak " + weakCentre)
        .isLessThan(strongCentre.getRed() + strongCentre.getGreen() - 100);
  }

  @Test
  void heatmapStatisticsTellAPeakFromAFlatHat() {
    HeatmapFigure.Example e = example(1);
    assertThat(e.strong().max()).isBetween(0.8f, 0.95f);
    assertThat(e.strong().massNearPeak(1)).isGreaterThan(e.weak().massNearPeak(1) + 0.15);
    float[] two = new float[2 * 9];
    two[9 + 7] = 1;
    Heatmap second = Heatmap.of(two, 9, 3);
    assertThat(second.argmax()).containsExactly(1, 2);
    assertThat(second.value(1, 2)).isEqualTo(1f);
    assertThatThrownBy(() -> Heatmap.of(two, 10, 3)).hasMessageContaining("does not fit");
  }
}
