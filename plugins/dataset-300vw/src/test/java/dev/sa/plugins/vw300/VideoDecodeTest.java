package dev.sa.plugins.vw300;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.FaceSample;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decodes frames of a tiny AVI that the test encodes with JavaCV (MPEG-4 part 2, like 300-VW's). */
class VideoDecodeTest {
  static final int FRAMES = 12;

  static int level(int frame0) {
    return 20 + 15 * frame0;
  }

  /** 12 gray frames, a key frame every 4 so that seeks land between key frames. */
  static void encode(Path avi) throws IOException {
    Files.createDirectories(avi.getParent());
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(avi.toFile(), VwFixtures.WIDTH, VwFixtures.HEIGHT, 0)) {
      rec.setFormat("avi");
      rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      rec.setFrameRate(25);
      rec.setGopSize(4);
      rec.setVideoQuality(2);
      rec.start();
      Java2DFrameConverter conv = new Java2DFrameConverter();
      for (int f = 0; f < FRAMES; f++) {
        rec.record(conv.convert(VwFixtures.gray(level(f))));
      }
      rec.stop();
    }
  }

  @Test
  void decodesTheAnnotatedFramesInAnyOrder(@TempDir Path root) throws Exception {
    encode(root.resolve("505/vid.avi"));
    for (int f = 1; f <= FRAMES; f++) {
      VwFixtures.annotation(root, "505", f, VwFixtures.face(0));
    }
    VwFixtures.annotation(root, "505", FRAMES + 5, VwFixtures.face(0));
    Dataset d = new VwPlugin().open(new DatasetContext(root, 1, "dataset"), null);
    assertThat(d.problems()).isEmpty();
    List<FaceSample> frames = d.split("category1");
    assertThat(frames).hasSize(FRAMES + 1);
    int[] order = {6, 0, 11, 3, 4, 5, 9, 1, 10, 2, 8, 7};
    BufferedImage first = frames.get(order[0]).image().load();
    for (int k : order) {
      BufferedImage img = frames.get(k).image().load();
      assertThat(img.getWidth()).isEqualTo(VwFixtures.WIDTH);
      assertThat(VwFixtures.meanLevel(img)).as("frame %d", k).isCloseTo(level(k), org.assertj.core.data.Offset.offset(6.0));
    }
    // The first image was not overwritten by later decoding.
    assertThat(VwFixtures.meanLevel(first)).isCloseTo(level(order[0]), org.assertj.core.data.Offset.offset(6.0));
    assertThat(frames.get(3).image().describe()).contains("vid.avi").contains("frame 3");
    assertThatThrownBy(() -> frames.get(FRAMES).image().load()).isInstanceOf(IOException.class)
        .hasMessageContaining("past the end");

    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Double>> futures = frames.subList(0, FRAMES).stream()
          .map(s -> pool.submit(() -> VwFixtures.meanLevel(s.image().load()))).toList();
      for (int k = 0; k < FRAMES; k++) {
        assertThat(futures.get(k).get()).isCloseTo(level(k), org.assertj.core.data.Offset.offset(6.0));
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void anUnreadableVideoIsOneProblem(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("001"));
    Files.write(root.resolve("001/vid.avi"), new byte[] {1, 2, 3});
    VwFixtures.annotation(root, "001", 1, VwFixtures.face(0));
    Dataset d = new VwPlugin().open(new DatasetContext(root, 1, "dataset"), null);
    assertThat(d.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(root.resolve("001/vid.avi").toString());
      assertThat(p.message()).startsWith("unreadable video");
    });
    assertThat(d.problems()).extracting(DataProblem::line).containsExactly(0);
    assertThat(d.split("train")).isEmpty();
  }
}
