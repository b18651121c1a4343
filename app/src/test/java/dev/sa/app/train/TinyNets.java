package dev.sa.app.train;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import dev.sa.api.Backbone;
import dev.sa.app.config.Choices;
import dev.sa.app.config.Devices;
import dev.sa.app.data.BatchSource;
import java.util.List;

/** Tiny heatmap networks and batches for engine tests: 16 px input, 3 landmarks, 16 px heatmaps. */
public final class TinyNets {
  static final int SIZE = 16;
  static final int LANDMARKS = 3;

  private TinyNets() {}

  /** conv3x3 (8) [BN] ReLU conv1x1 (3): {@code (B, 3, 16, 16) -> (B, 3, 16, 16)}. */
  static Backbone backbone(boolean batchNorm) {
    SequentialBlock b = new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).optPadding(new Shape(1, 1)).build());
    if (batchNorm) {
      b.add(BatchNorm.builder().build());
    }
    b.add(Activation.reluBlock())
        .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(LANDMARKS).build());
    return new Backbone(b, Backbone.Output.HEATMAPS, 1);
  }

  /** @param engine DJL's engine name, or null for the default */
  static LandmarkNet net(boolean batchNorm, List<Device> devices, String engine) {
    return net(batchNorm, devices, engine, null);
  }

  /** @param form how RMSprop runs, or null for the engine's default */
  static LandmarkNet net(boolean batchNorm, List<Device> devices, String engine, RmsProp.Form form) {
    return LandmarkNet.builder().optOptimizerForm(form).setBackbone(backbone(batchNorm)).setLandmarks(LANDMARKS).setSizes(SIZE, SIZE)
        .optSeed(7).optDevices(Devices.of(devices))
        .optEngine(engine == null ? null : Choices.Engine.ofDjlName(engine)).build();
  }

  /** A batch of random images with one-hot targets, seeded. */
  static BatchSource.Batch batch(int size, long seed) {
    return batch(size, SIZE, LANDMARKS, SIZE, seed);
  }

  /**
   * A batch of {@code b} random crops of side {@code size} with one-hot targets on {@code n}
   * heatmaps of side {@code h} and random coordinates, seeded.
   */
  public static BatchSource.Batch batch(int b, int size, int n, int h, long seed) {
    return BatchSource.Batch.random(b, size, n, h, seed);
  }
}
