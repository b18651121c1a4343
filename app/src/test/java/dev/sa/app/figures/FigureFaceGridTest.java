package dev.sa.app.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.Landmarks;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureFaceGridTest {
  @TempDir
  Path dir;

  static final int SIDE = 128;
  static final int CELL = 160;

  @Test
  void gridOfFacesWritesAValidPngWithMarkersWhereThePointsAre() throws Exception {
    List<FacePanel> train = new ArrayList<>();
    List<FacePanel> test = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Landmarks human = Fixtures.face68(SIDE, i);
      BufferedImage face = Fixtures.faceImage(SIDE, human);
      Landmarks truth = Fixtures.shift(human, 0.8, -0.5);
      Landmarks searched = Fixtures.shift(human, 0.5, -0.3);
      Landmarks predicted = Fixtures.shift(human, -1.5, 1.5);
      train.add(FacePanel.of("train/00" + i + "  NME 3.1%", face, List.of(new PointLayer(Marker.ANNOTATION, human),
          new PointLayer(Marker.TRUTH, truth), new PointLayer(Marker.SEARCHED, searched),
          new PointLayer(Marker.PREDICTED, predicted))));
      test.add(FacePanel.of("common/00" + i, face, List.of(new PointLayer(Marker.ANNOTATION, human),
          new PointLayer(Marker.PREDICTED, predicted))));
    }
    // One panel per marker kind alone, to check where the markers land.
    Landmarks only = Fixtures.face68(SIDE, 9);
    List<FacePanel> probes = List.of(
        FacePanel.of("annotation only", Fixtures.faceImage(SIDE, only), List.of(new PointLayer(Marker.ANNOTATION, only))),
        FacePanel.of("prediction only", Fixtures.faceImage(SIDE, only), List.of(new PointLayer(Marker.PREDICTED, only))));
    BufferedImage img = FaceGrid.render("HGs+SA: example faces", "synthetic in-test faces",
        List.of(new FaceGrid.Section("training faces", train), new FaceGrid.Section("test subset common", test),
            new FaceGrid.Section("probes", probes)), 4, CELL);
    Path file = Png.write(img, dir.resolve("sub/faces.png"));
    Files.copy(file, Fixtures.samples().resolve("faces.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    BufferedImage back = ImageIO.read(file.toFile());
    assertThat(back.getWidth()).isEqualTo(8 + 4 * (CELL + 8));
    assertThat(back.getHeight()).isGreaterThan(3 * CELL).isLessThan(3 * CELL + 260);
    assertThat(Files.size(file)).isBetween(20_000L, 600_000L);
    assertThat(distinctColours(back)).isGreaterThan(500);
    try (var s = Files.list(file.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("faces.png");
    }

    // Third section starts after the title, subtitle, two sections of one row each and their headers.
    int y0 = Canvas.headerHeight("HGs+SA: example faces", "synthetic in-test faces", 4 * (CELL + 8) - 8) + 3 * 18
        + 2 * (CELL + 16 + 8);
    int k = 36;
    int ax = 8 + (int) Canvas.toCell(only.x(k), SIDE, CELL);
    int ay = y0 + (int) Canvas.toCell(only.y(k), SIDE, CELL);
    assertThat(greenDominant(new Color(back.getRGB(ax, ay)))).as("annotation dot at point 36").isTrue();
    int px = 8 + CELL + 8 + (int) Canvas.toCell(only.x(k), SIDE, CELL);
    Color c = new Color(back.getRGB(px, ay));
    assertThat(c.getRed()).as("prediction cross at point 36: " + c).isGreaterThan(150);
    assertThat(c.getGreen()).isLessThan(110);
  }

  @Test
  void arrowsAreDrawnOnlyForPointsThatMoved() throws Exception {
    Landmarks a = Fixtures.face68(SIDE, 1);
    Landmarks b = Fixtures.shift(a, 0, 20);
    BufferedImage blank = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    BufferedImage still = FaceGrid.render("t", "", List.of(new FaceGrid.Section("", List.of(new FacePanel("", blank,
        List.of(), List.of(new FacePanel.Arrows(a, a, Color.WHITE, 1.0)))))), 1, CELL);
    BufferedImage moved = FaceGrid.render("t", "", List.of(new FaceGrid.Section("", List.of(new FacePanel("", blank,
        List.of(), List.of(new FacePanel.Arrows(a, b, Color.WHITE, 1.0)))))), 1, CELL);
    assertThat(brightPixels(moved)).isGreaterThan(brightPixels(still) + 500);
  }

  @Test
  void badInputIsRefused() {
    assertThatThrownBy(() -> FaceGrid.render("t", "", List.of(), 4, CELL)).hasMessageContaining("no faces");
    assertThatThrownBy(() -> FaceGrid.render("t", "", List.of(), 0, CELL)).hasMessageContaining("columns");
    assertThatThrownBy(() -> new FacePanel.Arrows(Landmarks.of(new float[4]), Landmarks.of(new float[2]),
        Color.RED, 0)).hasMessageContaining("same size");
  }

  static int distinctColours(BufferedImage img) {
    Set<Integer> set = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        set.add(img.getRGB(x, y));
      }
    }
    return set.size();
  }

  static boolean greenDominant(Color c) {
    return c.getGreen() > 140 && c.getGreen() > c.getRed() + 60 && c.getGreen() > c.getBlue() + 60;
  }

  private static int brightPixels(BufferedImage img) {
    int n = 0;
    int top = Canvas.headerHeight("t", "", CELL - 8);
    for (int y = top; y < top + CELL; y++) {
      for (int x = 8; x < 8 + CELL; x++) {
        Color c = new Color(img.getRGB(x, y));
        n += c.getRed() > 200 && c.getGreen() > 200 && c.getBlue() > 200 ? 1 : 0;
      }
    }
    return n;
  }
}
