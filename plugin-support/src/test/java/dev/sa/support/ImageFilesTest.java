package dev.sa.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import dev.sa.api.Landmarks;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
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
    assertThatThrownBy(source::load).isInstanceOf(IOException.class);
  }

  /** A noisy image, so that the compressed data is long enough to cut in the middle. */
  private Path noisy(String name, int w, int h, String format) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(7);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    Path file = dir.resolve(name);
    ImageIO.write(img, format, file.toFile());
    return file;
  }

  private Path cut(Path file, int keep) throws Exception {
    byte[] all = Files.readAllBytes(file);
    Path out = dir.resolve("cut-" + file.getFileName());
    Files.write(out, Arrays.copyOf(all, keep));
    return out;
  }

  /** Issue 17 item 8: the header survives, so ImageIO reads the size; the check finds the cut. */
  @Test
  void aPngCutAfter400BytesIsTruncated() throws Exception {
    Path png = noisy("n.png", 64, 64, "png");
    Path cut = cut(png, 400);
    assertThatThrownBy(() -> ImageFiles.readSize(cut))
        .isInstanceOfSatisfying(MalformedFileException.class, e -> assertThat(e.getMessage())
            .startsWith("truncated PNG: chunk 'IDAT'").contains("file ends at byte 400"));
    assertThatThrownBy(() -> ImageFiles.decode(cut)).isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith("truncated PNG");
    assertThat(ImageFiles.decode(png).getWidth()).isEqualTo(64);
  }

  @Test
  void aJpegCutMidScanIsTruncatedAndItsLazySourceFails() throws Exception {
    Path jpg = noisy("n.jpg", 64, 64, "jpg");
    Path cut = cut(jpg, (int) (Files.size(jpg) / 2));
    // ImageIO alone decodes it with a warning only: grey rows, no exception.
    assertThat(ImageIO.read(cut.toFile())).isNotNull();
    assertThatThrownBy(() -> ImageFiles.readSize(cut)).isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("truncated JPEG").hasMessageContaining("end-of-image marker");
    assertThatThrownBy(() -> ImageFiles.lazy(cut).load()).isInstanceOf(IOException.class)
        .hasMessageStartingWith(cut + ": truncated JPEG");
    assertThat(ImageFiles.lazy(jpg).load().getHeight()).isEqualTo(64);
  }

  /** A PNG header claiming 19000 x 19000 px followed by a few bytes of data. */
  private Path hugeCutPng() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(19000).putInt(19000)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(b, "IHDR", ihdr.array());
    chunk(b, "IDAT", new byte[5000]);
    byte[] all = b.toByteArray();
    Path file = dir.resolve("huge.png");
    Files.write(file, Arrays.copyOf(all, all.length - 3000));
    return file;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
    CRC32 crc = new CRC32();
    crc.update(type.getBytes(StandardCharsets.US_ASCII));
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(type.getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** Issue 17 item 8: this took 1.3 GB before failing; it must fail before any pixel buffer. */
  @Test
  void aHugeHeaderWithCutDataFailsWithoutAllocatingThePixels() throws Exception {
    Path huge = hugeCutPng();
    ThreadMXBean threads =
        (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> ImageFiles.decode(huge)).isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith("truncated PNG: chunk 'IDAT'");
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).isLessThan(64L << 20);
  }

  @Test
  void aCompleteImageLargerThanTheBudgetIsRefusedBeforeDecoding() throws Exception {
    Path big = write("big.png", 9000, 9000, "png");
    assertThat(ImageFiles.readSize(big)).isEqualTo(new ImageFiles.Size(9000, 9000));
    assertThatThrownBy(() -> ImageFiles.decode(big)).isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("9000 x 9000 px needs 308 MiB decoded; at most");
  }

  @Test
  void damagedStructuresAreNamed() throws Exception {
    Path png = noisy("d.png", 8, 8, "png");
    byte[] bytes = Files.readAllBytes(png);
    Path noIhdr = dir.resolve("no-ihdr.png");
    byte[] copy = bytes.clone();
    copy[12] = 'X';
    Files.write(noIhdr, copy);
    assertThatThrownBy(() -> ImageFiles.readSize(noIhdr)).isInstanceOf(MalformedFileException.class);
    Path jpg = noisy("d.jpg", 8, 8, "jpg");
    Path headerOnly = cut(jpg, 40);
    assertThatThrownBy(() -> ImageFiles.readSize(headerOnly)).isInstanceOf(MalformedFileException.class);
  }
}
