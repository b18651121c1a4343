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
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureTrailTest {
  @TempDir
  Path dir;

  static final int SIDE = 160;

  /** Labels that converge from the annotation toward the truth over {@code epochs} epochs. */
  static TrailFigure.Example example(long seed, int epochs) {
    Landmarks truth = Fixtures.face68(SIDE, seed);
    Landmarks human = Fixtures.shift(truth, 5, -3);
    List<Landmarks> path = new ArrayList<>();
    for (int e = 0; e <= epochs; e++) {
      double f = Math.pow(0.6, e);
      path.add(Fixtures.shift(truth, 5 * f, -3 * f + 0.3 * (1 - f)));
    }
    path.set(0, human);
    return new TrailFigure.Example("train/00" + seed, Fixtures.faceImage(SIDE, truth), path, Optional.of(truth));
  }

  @Test
  void trailFigureRendersPathsInZoomsToAValidPng() throws Exception {
    List<TrailFigure.Example> rows = List.of(example(1, 6), example(2, 6), example(3, 6));
    List<Integer> points = List.of(4, 8, 19, 28);
    int cell = 150;
    String title = "HGs+SA: label movement over the SA epochs";
    BufferedImage img = TrailFigure.render(title, rows, points,
        List.of("jaw_4 (4)", "jaw_8 (8)", "brow_a_2 (19)", "nose_bridge_1 (28)"), 64, cell);
    Path file = Png.write(img, dir.resolve("trail.png"));
    Files.copy(file, Fixtures.samples().resolve("label-trail.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    BufferedImage back = ImageIO.read(file.toFile());
    assertThat(back.getWidth()).isEqualTo(8 + 5 * (cell + 8));
    assertThat(back.getHeight()).isGreaterThan(3 * cell);
    assertThat(FigureFaceGridTest.distinctColours(back)).isGreaterThan(300);

    // In the first zoom, the annotation (epoch 0) is a green dot where the zoom box puts it.
    TrailFigure.Example e = rows.get(0);
    double[] box = TrailFigure.zoomBox(e, 4);
    double s = cell / box[2];
    int x = 8 + cell + 8 + (int) Math.round((e.pathInFace().get(0).x(4) + 0.5 - box[0]) * s);
    int y = Canvas.headerHeight(title, TrailFigure.subtitle(6, 64), 5 * (cell + 8) - 8) + (int) Math.round((e.pathInFace().get(0).y(4) + 0.5 - box[1]) * s);
    assertThat(FigureFaceGridTest.greenDominant(new Color(back.getRGB(x, y)))).as("annotation in zoom").isTrue();
  }

  @Test
  void zoomBoxCoversThePathAndTheTruth() {
    TrailFigure.Example e = example(4, 3);
    double[] box = TrailFigure.zoomBox(e, 8);
    List<Landmarks> all = new ArrayList<>(e.pathInFace());
    all.add(e.truthInFace().orElseThrow());
    for (Landmarks l : all) {
      assertThat(l.x(8) + 0.5).isBetween(box[0], box[0] + box[2]);
      assertThat(l.y(8) + 0.5).isBetween(box[1], box[1] + box[2]);
    }
    assertThat(box[2]).isGreaterThanOrEqualTo(0.06 * SIDE);
  }

  @Test
  void aTrailNeedsTwoEpochs() {
    assertThatThrownBy(() -> new TrailFigure.Example("x", Fixtures.faceImage(32, Fixtures.face68(32, 1)),
        List.of(Fixtures.face68(32, 1)), Optional.empty())).hasMessageContaining("two epochs");
  }

  @Test
  void captionsUnderAZoomAreNeverCut() {
    java.awt.Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    java.awt.FontMetrics fm = g.getFontMetrics(Canvas.TEXT);
    // every name of the 68-point scheme, a long name of another scheme, wide numbers
    List<String> names = new ArrayList<>(dev.sa.api.Schemes.ibug68().pointNames());
    names.add("left_eyebrow_outer_corner");
    for (String name : names) {
      List<String> lines = TrailFigure.captions(name, 12.34, Optional.of(10.5), Optional.of(11.75));
      assertThat(lines).hasSize(3).first().isEqualTo(name);
      for (String line : lines) {
        assertThat(Canvas.fit(fm, line, RunFigures.CELL)).as("caption fits a %d px zoom", RunFigures.CELL).isEqualTo(line);
      }
    }
    assertThat(TrailFigure.captions("jaw_4", 0.1, Optional.empty(), Optional.empty())).containsExactly("jaw_4", "moved 0.10 px");
    g.dispose();
  }
}
