package dev.sa.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.Backbone;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.ImageSource;
import dev.sa.api.Landmarks;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.HeatmapCodec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine tests on tiny shapes: the training step learns, and checkpoints round-trip exactly. */
class LandmarkNetTest {
  @TempDir
  Path dir;

  static Backbone tinyBackbone() {
    SequentialBlock b = new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
        .add(Activation::relu)
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(2).build());
    return new Backbone(b, Backbone.Output.HEATMAPS, 1);
  }

  static List<BatchSource.Item> items() {
    List<BatchSource.Item> items = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int x = 6 + i;
      ImageSource img = new ImageSource() {
        @Override
        public BufferedImage load() {
          BufferedImage im = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
          Graphics2D g = im.createGraphics();
          g.setColor(Color.WHITE);
          g.fillRect(x - 1, 5, 3, 3);
          g.fillRect(4, x - 1, 3, 3);
          g.dispose();
          return im;
        }

        @Override
        public String describe() {
          return "square";
        }
      };
      Landmarks l = Landmarks.of(new float[] {x, 6, 5, x});
      items.add(new BatchSource.Item(i, FaceSample.of("s" + i, img, new FaceBox(0, 0, 15, 15), l, ""), l));
    }
    return items;
  }

  /** The tiny heatmap network (2 landmarks, 16 px input, 8 px heatmaps) on the CPU. */
  static LandmarkNetBuilder tiny(long seed) {
    return LandmarkNet.builder().setBackbone(tinyBackbone()).setLandmarks(2).setSizes(16, 8).optSeed(seed);
  }

  @Test
  void trainingStepsReduceTheLossAndCheckpointsRoundTrip() throws Exception {
    HeatmapCodec codec = new HeatmapCodec(8, 1.0);
    try (BatchSource src = new BatchSource(1, new dev.sa.app.method.Frames(16, 8, 16.0 / 15, new int[] {0, 1}), codec);
        LandmarkNet net = tiny(1).build()) {
      BatchSource.Batch batch = src.pass(items(), 8, BatchSource.Augment.NONE, false, 0).next();
      float first = net.trainStep(batch, 1e-2);
      float last = first;
      for (int i = 0; i < 30; i++) {
        last = net.trainStep(batch, 1e-2);
      }
      assertThat(last).isLessThan(first * 0.5f);
      net.save(dir.resolve("ck"));
      float[] before = net.predict(batch.images(), 8);
      float next = net.trainStep(batch, 1e-2);
      try (LandmarkNet other = tiny(7).build()) {
        other.load(dir.resolve("ck"));
        assertThat(other.predict(batch.images(), 8)).containsExactly(before);
        // same weights and optimiser state: the next step is identical
        assertThat(other.trainStep(batch, 1e-2)).isEqualTo(next);
      }
    }
  }

  @Test
  void foregroundWeightChangesTheLoss() {
    HeatmapCodec codec = new HeatmapCodec(8, 1.0);
    try (BatchSource src = new BatchSource(1, new dev.sa.app.method.Frames(16, 8, 16.0 / 15, new int[] {0, 1}), codec);
        LandmarkNet a = tiny(1).build();
        LandmarkNet b = tiny(1).optForegroundWeight(10).build()) {
      BatchSource.Batch batch = src.pass(items(), 8, BatchSource.Augment.NONE, false, 0).next();
      assertThat(b.trainStep(batch, 0)).isGreaterThan(a.trainStep(batch, 0));
    }
  }

  @Test
  void learningRateScheduleDividesAtMilestones() {
    var s = new dev.sa.app.config.SaConfig.Schedule(1.0, List.of(2, 4), List.of(5.0, 2.0));
    assertThat(dev.sa.app.run.Phase.lr(s, 0)).isEqualTo(1.0);
    assertThat(dev.sa.app.run.Phase.lr(s, 2)).isEqualTo(0.2);
    assertThat(dev.sa.app.run.Phase.lr(s, 5)).isEqualTo(0.1);
  }
}
