package dev.sa.app.run;

import dev.sa.support.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.sa.api.Backbone;
import dev.sa.api.SaException;
import dev.sa.app.train.LandmarkNet;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 4: checkpoints carry a manifest of checksums, the previous one is kept, and a
 * corrupt latest (truncated {@code model.params}, zero-byte {@code optimizer.bin}) falls back to
 * it with a warning naming the file; with none usable the phase is refused (exit 2) naming the
 * folder.
 */
@Tag("reliability")
class CheckpointsTest {
  @TempDir
  Path dir;

  private static LandmarkNet net() {
    Backbone b = new Backbone(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
        .setFilters(2).build(), Backbone.Output.HEATMAPS, 1);
    return LandmarkNet.builder().setBackbone(b).setLandmarks(2).setSizes(8, 8).optSeed(1).build();
  }

  /** Two epochs of checkpoints, as Phase writes them. */
  private Checkpoints twoEpochs(LandmarkNet net) throws IOException {
    Checkpoints ckpt = new Checkpoints(dir);
    java.util.Random r = new java.util.Random(3);
    float[] images = new float[2 * 3 * 8 * 8];
    float[] targets = new float[2 * 2 * 8 * 8];
    for (int i = 0; i < images.length; i++) {
      images[i] = r.nextFloat() - 0.5f;
    }
    targets[10] = 1;
    for (int epoch = 1; epoch <= 2; epoch++) {
      net.trainStep(new dev.sa.app.data.BatchSource.Batch(2, images, targets, null, null, null, null), 1e-3);
      Path next = ckpt.begin(epoch);
      net.save(next);
      AtomicFiles.writeString(next.resolve(Checkpoints.FINGERPRINT), "abc\n");
      AtomicFiles.writeString(next.resolve("epoch"), Integer.toString(epoch));
      ckpt.commit(next);
    }
    return ckpt;
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(size);
    }
  }

  @Test
  void theLatestAndThePreviousCheckpointAreKeptAndVerified() throws Exception {
    try (LandmarkNet net = net()) {
      Checkpoints ckpt = twoEpochs(net);
      try (var s = Files.list(dir.resolve("ckpt"))) {
        assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted())
            .containsExactly("epoch-0001", "epoch-0002");
      }
      assertThat(Files.readString(ckpt.latest().resolve(Checkpoints.MANIFEST)))
          .contains("model.params", "optimizer.bin", "epoch").doesNotContain(Checkpoints.FINGERPRINT);
      List<String> warnings = new ArrayList<>();
      assertThat(ckpt.resumable(warnings::add)).isEqualTo(dir.resolve("ckpt/epoch-0002"));
      assertThat(warnings).isEmpty();
      // A third epoch removes the first.
      Path third = ckpt.begin(3);
      net.save(third);
      ckpt.commit(third);
      try (var s = Files.list(dir.resolve("ckpt"))) {
        assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted())
            .containsExactly("epoch-0002", "epoch-0003");
      }
    }
  }

  @Test
  void aTruncatedModelFallsBackToThePreviousCheckpointNamingTheFile() throws Exception {
    try (LandmarkNet net = net()) {
      Checkpoints ckpt = twoEpochs(net);
      Path params = dir.resolve("ckpt/epoch-0002/model.params");
      truncate(params, Files.size(params) / 2);
      assertThatThrownBy(() -> net.load(params.getParent())).isInstanceOf(IOException.class)
          .hasMessageContaining(params.toString()).hasMessageContaining("truncated or corrupt parameter file");
      List<String> warnings = new ArrayList<>();
      Path resumed = ckpt.resumable(warnings::add);
      assertThat(resumed).isEqualTo(dir.resolve("ckpt/epoch-0001"));
      assertThat(warnings).singleElement().asString().contains(params.toString(), "truncated", "epoch-0001");
      net.load(resumed);
    }
  }

  @Test
  void aZeroByteOptimizerStateFallsBackToThePreviousCheckpointNamingTheFile() throws Exception {
    try (LandmarkNet net = net()) {
      Checkpoints ckpt = twoEpochs(net);
      Path opt = dir.resolve("ckpt/epoch-0002/optimizer.bin");
      Files.write(opt, new byte[0]);
      assertThatThrownBy(() -> net.load(opt.getParent())).isInstanceOf(IOException.class)
          .hasMessageContaining(opt.toString()).hasMessageContaining("0 bytes");
      List<String> warnings = new ArrayList<>();
      assertThat(ckpt.resumable(warnings::add)).isEqualTo(dir.resolve("ckpt/epoch-0001"));
      assertThat(warnings).singleElement().asString().contains(opt.toString());
    }
  }

  @Test
  void withBothCheckpointsCorruptThePhaseIsRefusedNamingTheFolder() throws Exception {
    try (LandmarkNet net = net()) {
      Checkpoints ckpt = twoEpochs(net);
      Files.write(dir.resolve("ckpt/epoch-0002/optimizer.bin"), new byte[0]);
      Path params = dir.resolve("ckpt/epoch-0001/model.params");
      Files.write(params, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
      List<String> warnings = new ArrayList<>();
      assertThatThrownBy(() -> ckpt.resumable(warnings::add)).isInstanceOf(SaException.class)
          .satisfies(e -> assertThat(((SaException) e).kind()).isEqualTo(SaException.Kind.INVALID_INPUT))
          .hasMessageContaining(dir.resolve("ckpt").toString()).hasMessageContaining("no usable checkpoint")
          .hasMessageContaining(params.toString());
      assertThat(warnings).hasSize(2);
    }
  }

  @Test
  void aCheckpointWithoutManifestIsAcceptedUnverified() throws Exception {
    try (LandmarkNet net = net()) {
      Checkpoints ckpt = twoEpochs(net);
      Files.delete(dir.resolve("ckpt/epoch-0002").resolve(Checkpoints.MANIFEST));
      assertThat(ckpt.resumable(w -> { })).isEqualTo(dir.resolve("ckpt/epoch-0002"));
      assertThat(new Checkpoints(dir.resolve("none")).resumable(w -> { })).isNull();
    }
  }
}
