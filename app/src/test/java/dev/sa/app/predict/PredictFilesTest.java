package dev.sa.app.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file formats of {@code sa predict}, without a network. */
class PredictFilesTest {
  @TempDir
  Path dir;

  @Test
  void ptsIsOneBasedAndRoundTripsExactly() {
    Landmarks l = Landmarks.of(new float[] {0f, 0.1f, 12.345678f, -3.5f, 1e-4f, 99.99f});
    String text = PtsText.format(l);
    assertThat(text).startsWith("version: 1\nn_points:  3\n{\n1 1.1\n13.345678 -2.5\n1.0001 100.99\n}\n");
    assertThat(PtsText.parse(text, "x.pts")).isEqualTo(l);
  }

  @Test
  void malformedPtsNamesFileAndLine() {
    assertThatThrownBy(() -> PtsText.parse("version: 1\nn_points: 2\n{\n1 2\n3 x\n}\n", "f.pts"))
        .isInstanceOf(SaException.class).hasMessage("f.pts:5: coordinate 'x' is not a number");
  }

  @Test
  void boxesCsvAcceptsQuotesPathsCrlfAndBlankLines() throws Exception {
    Path f = dir.resolve("b.csv");
    Files.writeString(f, "\uFEFFImage, x_min ,y_min,x_max,y_max\r\n\"a,b.png\",1,2,3,4\r\n\r\nsub/c.jpg,0.5,1e1,2.5,20\r\n");
    Map<String, List<FaceBox>> boxes = FaceBoxes.read(f);
    assertThat(boxes).containsOnlyKeys("a,b.png", "c.jpg");
    assertThat(boxes.get("c.jpg")).containsExactly(new FaceBox(0.5, 10, 2.5, 20));
  }

  @Test
  void severalRowsOfAnImageAreItsFacesInFileOrder() throws Exception {
    Path f = dir.resolve("b.csv");
    Files.writeString(f, "image,x_min,y_min,x_max,y_max\na.png,1,2,3,4\nb.png,0,0,9,9\nx/a.png,5,6,7,8\n");
    assertThat(FaceBoxes.read(f).get("a.png")).containsExactly(new FaceBox(1, 2, 3, 4), new FaceBox(5, 6, 7, 8));
  }

  @Test
  void boxesCsvThatPredictWroteReadsBack() throws Exception {
    Path f = dir.resolve("boxes.csv");
    Files.writeString(f, FaceBoxes.HEADER + ",face,score,source\na.png,1,2,3,4,0,12,detector\na.png,5,6,7,8,1,,whole_image\n");
    assertThat(FaceBoxes.read(f).get("a.png")).containsExactly(new FaceBox(1, 2, 3, 4), new FaceBox(5, 6, 7, 8));
    Files.writeString(f, FaceBoxes.HEADER + ",face\na.png,1,2,3,4\n");
    assertThatThrownBy(() -> FaceBoxes.read(f)).isInstanceOf(SaException.class)
        .hasMessage(f + ":2: expected 6 fields as the header 'image,x_min,y_min,x_max,y_max,face', got 5:"
            + " 'a.png,1,2,3,4'");
  }

  @Test
  void landmarksHeaderHasOneRowPerFace() {
    assertThat(PredictionWriter.header(2)).isEqualTo("image,face,x_min,y_min,x_max,y_max,score,x0,y0,x1,y1");
  }

  @Test
  void stemsAreMadeUnique() {
    List<InputImages.Image> images = List.of(new InputImages.Image(Path.of("x/a.png"), 1, 1),
        new InputImages.Image(Path.of("y/a.jpg"), 1, 1), new InputImages.Image(Path.of("A.png"), 1, 1),
        new InputImages.Image(Path.of("b.bmp"), 1, 1));
    assertThat(PredictionWriter.stems(images)).containsExactly("a", "a-2", "A-3", "b");
  }

  @Test
  void csvFieldsAreQuotedOnlyWhenNeeded() {
    assertThat(FaceBoxes.csvField("dir/a.png")).isEqualTo("dir/a.png");
    assertThat(FaceBoxes.csvField("a,\"b\".png")).isEqualTo("\"a,\"\"b\"\".png\"");
  }
}
