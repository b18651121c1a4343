package dev.sa.plugins.aflw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AflwCsvTest {
  @TempDir Path root;

  private static String header() {
    StringBuilder b = new StringBuilder("image_name,scale,box_size,center_w,center_h");
    for (int p = 0; p < 19; p++) {
      b.append(",x").append(p).append(",y").append(p);
    }
    return b.append('\n').toString();
  }

  private static String row(String image, String boxSize, double[] xy) {
    StringBuilder b = new StringBuilder(image).append(",0.2,").append(boxSize).append(",30,32");
    for (double v : xy) {
      b.append(',').append(v);
    }
    return b.append('\n').toString();
  }

  @Test
  void readsHrnetRowsWithSquareBoxesAndLineProblems() throws Exception {
    AflwFixture.image(root.resolve("flickr/0/image00001.jpg"));
    double[] xy = AflwFixture.points(0);
    String csv = header()
        + row("0/image00001.jpg", "40", xy)
        + row("flickr/0/image00001.jpg", "40", xy)
        + row("0/image00001.jpg", "-1", xy)
        + row("0/image00009.jpg", "40", xy)
        + row("0/image00001.jpg", "40", xy).replace(",12.0,", ",x,");
    Files.writeString(root.resolve("test.csv"), csv);
    Dataset d = new AflwPlugin().open(new DatasetContext(root, 1, "dataset"),
        new AflwOptions(null, null, null, Map.of("full", "test.csv")));
    assertThat(d.splitNames()).containsExactly("full");
    assertThat(d.split("full")).extracting(FaceSample::id).containsExactly("0/image00001#2", "flickr/0/image00001#3");
    FaceSample s = d.split("full").get(0);
    assertThat(s.box()).isEqualTo(new FaceBox(10, 12, 50, 52));
    assertThat(s.landmarksInImage().x(1)).isEqualTo(14f);
    assertThat(s.visible().isVisible(18)).isTrue();
    assertThat(d.problems()).extracting(DataProblem::line, DataProblem::message).containsExactly(
        tuple(4, "box_size must be positive, got -1.0"),
        tuple(5, root.resolve("flickr/0/image00009.jpg") + ": missing image"),
        tuple(6, "column x0: coordinate 'x' is not a number"));
  }

  private Dataset open(String csv) throws Exception {
    Files.writeString(root.resolve("test.csv"), csv);
    return new AflwPlugin().open(new DatasetContext(root, 1, "dataset"),
        new AflwOptions(null, null, null, Map.of("full", "test.csv")));
  }

  /** Issue 17 item 9: 19 points on one spot are a problem, not a face with a NaN NME. */
  @Test
  void aZeroSizeRowIsAProblem() throws Exception {
    AflwFixture.image(root.resolve("flickr/0/image00001.jpg"));
    double[] same = new double[38];
    java.util.Arrays.fill(same, 20);
    Dataset d = open(header() + row("0/image00001.jpg", "40", AflwFixture.points(0))
        + row("0/image00001.jpg", "40", same));
    assertThat(d.split("full")).hasSize(1);
    assertThat(d.problems()).extracting(DataProblem::line, DataProblem::message).containsExactly(
        tuple(3, "zero-size annotation: the 19 points span 0.00 px (all at (20.0, 20.0)?); a face needs points "
            + "at least 1.00 px apart"));
  }

  /** Issue 17 item 13: an image name that leaves the images folder is refused with file and line. */
  @Test
  void anImagePathOutsideTheRootIsRefused() throws Exception {
    AflwFixture.image(root.resolve("flickr/0/image00001.jpg"));
    String csv = header() + row("0/image00001.jpg", "40", AflwFixture.points(0))
        + row("../../outside.jpg", "40", AflwFixture.points(0));
    assertThatThrownBy(() -> open(csv)).isInstanceOfSatisfying(SaException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(2);
      assertThat(e.getMessage()).startsWith(root.resolve("test.csv") + ":3: path '../../outside.jpg' resolves outside");
    });
  }
}
