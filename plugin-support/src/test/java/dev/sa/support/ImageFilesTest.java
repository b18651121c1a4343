package dev.sa.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.Landmarks;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  @TempDir Path dir;

  private Path write(String name, int w, int h, String format) throws Exception {
    Path file = dir.resolve(name);
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), format, file.toFile());
    return file;
  }

  @Test
  void readsTheSizeFromTheHeader() throws Exception {
    assertThat(ImageFiles.readSize(write("a.png", 37, 21, "png"))).isEqualTo(new ImageFiles.Size(37, 21));
    assertThat(ImageFiles.readSize(write("b b.jpg", 16, 48, "jpg"))).isEqualTo(new ImageFiles.Size(16, 48));
  }

  @Test
  void refusesMissingUnreadableAndAbsurdlyLargeImages() throws Exception {
    assertThatThrownBy(() -> ImageFiles.readSize(dir.resolve("none.jpg")))
        .isInstanceOfSatisfying(MalformedFileException.class, e -> assertThat(e.getMessage()).isEqualTo("missing image"));
    Path garbage = dir.resolve("garbage.jpg");
    Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThatThrownBy(() -> ImageFiles.readSize(garbage))
        .isInstanceOfSatisfying(MalformedFileException.class, e -> {
          assertThat(e.getMessage()).startsWith("unreadable image");
          assertThat(e.line()).isZero();
        });
    Path huge = write("huge.png", 20001, 1, "png");
    assertThatThrownBy(() -> ImageFiles.readSize(huge))
        .isInstanceOfSatisfying(MalformedFileException.class, e -> assertThat(e.getMessage()).contains("20001 x 1"));
  }

  @Test
  void findsPointsFarOutsideOnly() {
    ImageFiles.Size size = new ImageFiles.Size(100, 50);
    assertThat(ImageFiles.firstFarOutside(Landmarks.of(new float[] {-10, 0, 120, 60}), size)).isEqualTo(-1);
    assertThat(ImageFiles.firstFarOutside(Landmarks.of(new float[] {10, 10, 10, 150}), size)).isEqualTo(1);
    assertThat(ImageFiles.firstFarOutside(Landmarks.of(new float[] {-51, 10}), size)).isZero();
  }

  @Test
  void decodesLazily() throws Exception {
    Path file = write("c.png", 5, 3, "png");
    var source = ImageFiles.lazy(file);
    assertThat(source.describe()).isEqualTo(file.toString());
    assertThat(source.load().getWidth()).isEqualTo(5);
    Files.delete(file);
    assertThatThrownBy(source::load).isInstanceOf(java.io.IOException.class);
  }
}
