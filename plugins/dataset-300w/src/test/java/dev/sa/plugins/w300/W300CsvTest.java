package dev.sa.plugins.w300;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class W300CsvTest {
  @TempDir Path root;

  static String header() {
    StringBuilder b = new StringBuilder("image_name,scale,center_w,center_h");
    for (int i = 0; i < 68; i++) {
      b.append(",x").append(i).append(",y").append(i);
    }
    return b.append('\n').toString();
  }

  static String row(String image, double scale, double cx, double cy, Landmarks inImage) {
    StringBuilder b = new StringBuilder(image);
    b.append(String.format(Locale.ROOT, ",%s,%s,%s", scale, cx, cy));
    for (float v : inImage.toArray()) {
      b.append(',').append(v);
    }
    return b.append('\n').toString();
  }

  private Dataset open(Map<String, String> csv, String boxes) {
    return new W300Plugin().open(new DatasetContext(root, 1, "dataset"), new W300Options(boxes, null, null, csv));
  }

  @Test
  void readsZeroBasedRowsWithHrnetBoxes() {
    Fixtures.image(root.resolve("helen/trainset/a.jpg"), 64, 64);
    Fixtures.image(root.resolve("ibug/b.png"), 64, 64);
    Fixtures.image(root.resolve("lfpw/testset/c.png"), 64, 64);
    Landmarks face = Fixtures.face(0);
    Fixtures.text(root.resolve("train.csv"), header() + row("helen/trainset/a.jpg", 0.2, 32, 30, face)
        + row("helen/trainset/a.jpg", 0.1, 31, 29, face));
    Fixtures.text(root.resolve("challenge.csv"), header() + row("ibug/b.png", 0.25, 30, 31, face));
    Fixtures.text(root.resolve("common.csv"), header() + row("lfpw/testset/c.png", 0.25, 30, 31, face));
    Dataset d = open(Map.of("train", "train.csv", "common", "common.csv", "challenge", "challenge.csv"), null);
    assertThat(d.problems()).isEmpty();
    assertThat(d.splitNames()).containsExactly("train", "common", "challenge", "full");
    FaceSample a = d.split("train").get(0);
    assertThat(a.id()).isEqualTo("helen/trainset/a");
    assertThat(a.landmarksInImage()).isEqualTo(face);
    assertThat(a.box()).isEqualTo(new FaceBox(12, 10, 52, 50));
    assertThat(d.split("train").get(1).id()).isEqualTo("helen/trainset/a#3");
    assertThat(d.split("full")).extracting(FaceSample::id).containsExactly("lfpw/testset/c", "ibug/b");
    FaceSample lm = open(Map.of("challenge", "challenge.csv"), "landmarks").split("challenge").get(0);
    assertThat(lm.box()).isEqualTo(FaceBox.around(face, 1.2));
  }

  @Test
  void brokenRowsAreProblemsWithTheirLine() {
    Fixtures.image(root.resolve("ibug/b.png"), 64, 64);
    Landmarks face = Fixtures.face(0);
    String good = row("ibug/b.png", 0.25, 30, 31, face);
    String csv = header()
        + good
        + good.replace(",0.25,", ",abc,")
        + good.substring(0, good.lastIndexOf(','))  + "\n"
        + good.replace("ibug/b.png", "ibug/missing.png")
        + good.replace(",0.25,30.0,31.0,", ",0.25,30.0,31.0,NaN,")
            .substring(0, good.replace(",0.25,30.0,31.0,", ",0.25,30.0,31.0,NaN,").lastIndexOf(',')) + "\n"
        + good.replace(",0.25,30.0,31.0,", ",0.25,30.0,31.0,900,")
            .substring(0, good.replace(",0.25,30.0,31.0,", ",0.25,30.0,31.0,900,").lastIndexOf(',')) + "\n";
    Fixtures.text(root.resolve("c.csv"), csv);
    Dataset d = open(Map.of("challenge", "c.csv"), null);
    assertThat(d.problems()).extracting(DataProblem::line, p -> p.message().replaceAll(":.*", ""))
        .containsExactly(
            tuple(3, "column scale"),
            tuple(4, "row has 139 columns, the header has 140"),
            tuple(5, root.resolve("ibug/missing.png").toString()),
            tuple(6, "column x0"),
            tuple(7, "point 0 at (900.0, 52.0) (0-based) lies far outside the 64 x 64 image"));
    assertThat(d.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(root.resolve("c.csv").toString()));
    assertThat(d.split("challenge")).hasSize(1);
  }

  @Test
  void aWrongHeaderOrMissingFileIsADataError() {
    Fixtures.text(root.resolve("bad.csv"), "name,scale\n");
    assertThatThrownBy(() -> open(Map.of("train", "bad.csv"), null)).isInstanceOfSatisfying(SaException.class,
        e -> assertThat(e.getMessage()).contains("bad.csv:1:").contains("image_name"));
    assertThatThrownBy(() -> open(Map.of("train", "none.csv"), null)).isInstanceOfSatisfying(SaException.class,
        e -> assertThat(e.getMessage()).contains("none.csv").contains("README"));
  }

  /** Issue 17 item 13: a split path that leaves the data root is refused, naming file and line. */
  @Test
  void aPathOutsideTheRootIsRefused() {
    Fixtures.image(root.resolve("ibug/b.png"), 64, 64);
    Landmarks face = Fixtures.face(0);
    Fixtures.text(root.resolve("c.csv"), header() + row("ibug/b.png", 0.25, 30, 31, face)
        + row("../outside.png", 0.25, 30, 31, face));
    assertThatThrownBy(() -> open(Map.of("challenge", "c.csv"), null)).isInstanceOfSatisfying(SaException.class,
        e -> {
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.getMessage()).startsWith(root.resolve("c.csv") + ":3: path '../outside.png' resolves outside "
              + "the data root");
        });
  }

  /** Issue 17 item 9, CSV form: every point on one spot. */
  @Test
  void aZeroSizeRowIsAProblem() {
    Fixtures.image(root.resolve("ibug/b.png"), 64, 64);
    float[] same = new float[136];
    java.util.Arrays.fill(same, 12f);
    Fixtures.text(root.resolve("c.csv"), header() + row("ibug/b.png", 0.25, 30, 31, Fixtures.face(0))
        + row("ibug/b.png", 0.25, 30, 31, Landmarks.of(same)));
    Dataset d = open(Map.of("challenge", "c.csv"), null);
    assertThat(d.problems()).extracting(DataProblem::line, DataProblem::message)
        .containsExactly(tuple(3, "zero-size annotation: the 68 points span 0.00 px (all at (12.0, 12.0)?); "
            + "a face needs points at least 1.00 px apart"));
    assertThat(d.split("challenge")).hasSize(1);
  }
}
