package dev.sa.app.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 item 8 for {@code sa predict}: each bad image is one warning and the others go on. */
class InputImagesTest {
  @TempDir Path dir;

  private Path image(String name, String format) throws Exception {
    BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(name.hashCode());
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 48; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    Path file = dir.resolve(name);
    ImageIO.write(img, format, file.toFile());
    return file;
  }

  @Test
  void cutAndGarbageImagesAreProblemsAndTheGoodOnesAreKept() throws Exception {
    image("a.png", "png");
    Path cutPng = image("b.png", "png");
    Files.write(cutPng, Arrays.copyOf(Files.readAllBytes(cutPng), 400));
    Path cutJpg = image("c.jpg", "jpg");
    byte[] jpg = Files.readAllBytes(cutJpg);
    Files.write(cutJpg, Arrays.copyOf(jpg, jpg.length / 2));
    Files.writeString(dir.resolve("d.jpg"), "not an image");
    image("e.jpg", "jpg");
    List<String> problems = new ArrayList<>();
    List<InputImages.Image> images = InputImages.collect(List.of(dir), problems);
    assertThat(images).extracting(InputImages.Image::fileName).containsExactly("a.png", "e.jpg");
    assertThat(images.get(0).width()).isEqualTo(48);
    assertThat(problems).containsExactly(
        cutPng + ": truncated PNG: chunk 'IDAT' at byte 33 needs " + idatLength(cutPng)
            + " bytes but the file ends at byte 400",
        cutJpg + ": truncated JPEG: the image data ends at byte " + jpg.length / 2
            + " without the end-of-image marker (FF D9)",
        dir.resolve("d.jpg") + ": unreadable image: not a format ImageIO reads (png, jpg, bmp)");
  }

  private static long idatLength(Path png) throws Exception {
    byte[] b = Files.readAllBytes(png);
    return java.nio.ByteBuffer.wrap(b, 33, 4).getInt() & 0xffffffffL;
  }
}
