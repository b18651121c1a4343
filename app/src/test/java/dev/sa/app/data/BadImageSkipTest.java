package dev.sa.app.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.ImageSource;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.method.Frames;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An image that cannot be decoded during training: without {@code dataset.skipBadSamples} the pass
 * fails naming the file; with it the face is skipped with one warning naming the file (once for
 * every pass), and the other faces get the same crops and targets as before, so a pass stays
 * reproducible.
 */
@Tag("reliability")
class BadImageSkipTest {
  private static final Landmarks POINTS = Landmarks.of(new float[] {10, 12, 22, 12, 16, 22});

  private static FaceSample face(int i, boolean bad) {
    ImageSource img = new ImageSource() {
      @Override
      public BufferedImage load() throws IOException {
        if (bad) {
          throw new IOException("Error reading PNG image data");
        }
        BufferedImage b = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        b.setRGB(i % 32, 3, 0xffffff);
        return b;
      }

      @Override
      public String describe() {
        return "/data/face" + i + (bad ? "-cut.png" : ".png");
      }
    };
    return FaceSample.of("f" + i, img, new FaceBox(4, 4, 28, 28), POINTS, "f" + i + ".pts");
  }

  private static List<BatchSource.Item> items(int badIndex) {
    List<BatchSource.Item> out = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      out.add(new BatchSource.Item(i, face(i, i == badIndex), POINTS));
    }
    return out;
  }

  private static BatchSource source() {
    return new BatchSource(2, new Frames(16, 8, 1.2, new int[] {1, 0, 2}), new HeatmapCodec(8, 1.0));
  }

  private static final BatchSource.Augment AUG = new BatchSource.Augment(10, 0.1, 0.05, true);

  @Test
  void withoutSkippingTheEpochFailsNamingTheFile() {
    try (BatchSource s = source()) {
      Iterator<BatchSource.Batch> it = s.pass(items(3), 2, AUG, true, 5);
      assertThatThrownBy(() -> {
        while (it.hasNext()) {
          it.next();
        }
      }).isInstanceOf(SaException.class).hasMessage("/data/face3-cut.png: cannot decode image: Error reading PNG image data");
    }
  }

  @Test
  void skippingLeavesTheFaceOutWithOneWarningAndTheOthersUnchanged() {
    List<String> warnings = new CopyOnWriteArrayList<>();
    try (BatchSource skipping = source().skippingBadImages(warnings::add); BatchSource clean = source()) {
      for (int epoch = 0; epoch < 2; epoch++) {
        List<BatchSource.Batch> withBad = all(skipping.pass(items(3), 2, AUG, true, 5 + epoch));
        List<BatchSource.Item> good = items(-1);
        good.remove(3);
        List<BatchSource.Batch> without = all(clean.pass(good, 2, AUG, true, 5 + epoch));
        float[][] a = perFace(withBad);
        float[][] b = perFace(without);
        assertThat(a[3]).isNull();
        for (int i = 0; i < 7; i++) {
          assertThat(a[i]).as("face %d", i).isEqualTo(b[i]);
        }
        assertThat(withBad.stream().mapToInt(BatchSource.Batch::size).sum()).isEqualTo(6);
      }
      assertThat(warnings).containsExactly("sa: warning: /data/face3-cut.png: cannot decode image: Error reading PNG"
          + " image data; skipping this face (dataset.skipBadSamples: true)");
    }
  }

  @Test
  void aBatchWhoseFacesAreAllBadIsDropped() {
    List<String> warnings = new CopyOnWriteArrayList<>();
    try (BatchSource s = source().skippingBadImages(warnings::add)) {
      List<BatchSource.Item> one = List.of(new BatchSource.Item(0, face(0, true), POINTS),
          new BatchSource.Item(1, face(1, false), POINTS));
      List<BatchSource.Batch> batches = all(s.pass(one, 1, BatchSource.Augment.NONE, false, 1));
      assertThat(batches).hasSize(1);
      assertThat(batches.get(0).items().get(0).index()).isEqualTo(1);
    }
  }

  private static List<BatchSource.Batch> all(Iterator<BatchSource.Batch> it) {
    List<BatchSource.Batch> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  /** Each face's crop followed by its targets, by face index. */
  private static float[][] perFace(List<BatchSource.Batch> batches) {
    float[][] out = new float[7][];
    for (BatchSource.Batch b : batches) {
      int img = b.images().length / b.size();
      int tgt = b.targets().length / b.size();
      for (int i = 0; i < b.size(); i++) {
        float[] f = new float[img + tgt];
        System.arraycopy(b.images(), i * img, f, 0, img);
        System.arraycopy(b.targets(), i * tgt, f, img, tgt);
        out[b.items().get(i).index()] = f;
      }
    }
    return out;
  }
}
