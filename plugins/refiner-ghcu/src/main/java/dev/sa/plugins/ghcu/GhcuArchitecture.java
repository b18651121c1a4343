package dev.sa.plugins.ghcu;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.sa.api.SaException;
import java.util.ArrayList;
import java.util.List;

/**
 * The GHCU network of paper Table 1: six convolutions (5x5/64, 3x3/64, 3x3/32, 3x3/32, 3x3/16,
 * 3x3/16), each followed by BatchNorm and ReLU, then FC1 (256, BatchNorm, ReLU) and FC2 (2N).
 *
 * <p>Input {@code (B, N, h, h)} heatmaps, output {@code (B, 2N)} coordinates (x0, y0, x1, ...)
 * normalised by h. The paper's 256 x 256 heatmaps reach 4 x 4 after six stride-2 convolutions. For
 * smaller heatmaps the first {@code log2(h / 4)} convolutions keep stride 2 and the rest use
 * stride 1, so the last map is always 4 x 4 and FC1 always sees 16 x 4 x 4 = 256 features; putting
 * the stride-2 layers first keeps the costly wide layers on the smallest maps (cheap inference).
 */
public final class GhcuArchitecture {
  /** Side of the last convolution's feature map, as in Table 1. */
  public static final int FINAL_SIDE = 4;

  /** Units of FC1 (Table 1). */
  public static final int FC1_UNITS = 256;

  private static final int[] KERNELS = {5, 3, 3, 3, 3, 3};
  private static final int[] FILTERS = {64, 64, 32, 32, 16, 16};
  private static final int MAX_SIDE = FINAL_SIDE << KERNELS.length;

  private GhcuArchitecture() {}

  /**
   * Strides of Conv1..Conv6 that bring an {@code h x h} heatmap to {@link #FINAL_SIDE}.
   *
   * @throws SaException (invalid input) unless h = 4 * 2^k with k in 0..6 (4, 8, ..., 256)
   */
  public static List<Integer> strides(int heatmapSize) {
    int downsamplings = -1;
    for (int k = 0; k <= KERNELS.length; k++) {
      if (FINAL_SIDE << k == heatmapSize) {
        downsamplings = k;
      }
    }
    if (downsamplings < 0) {
      throw SaException.invalidInput(
          "refiner ghcu: heatmap size " + heatmapSize + " cannot be reduced to the "
              + FINAL_SIDE + " x " + FINAL_SIDE + " map of paper Table 1 by its six convolutions"
              + " with strides 1 or 2; valid heatmap sizes are 4, 8, 16, 32, 64, 128, " + MAX_SIDE);
    }
    List<Integer> strides = new ArrayList<>();
    for (int i = 0; i < KERNELS.length; i++) {
      strides.add(i < downsamplings ? 2 : 1);
    }
    return List.copyOf(strides);
  }

  /**
   * Builds the whole network: child 0 is the convolutional trunk {@code (B, N, h, h) -> (B, 16, 4,
   * 4)}, child 1 the fully connected head {@code (B, 16, 4, 4) -> (B, 2N)}.
   */
  public static SequentialBlock build(int landmarks, int heatmapSize) {
    if (landmarks < 1) {
      throw SaException.invalidInput("refiner ghcu: landmark count " + landmarks + " must be >= 1");
    }
    return new SequentialBlock().add(trunk(heatmapSize)).add(head(landmarks));
  }

  static SequentialBlock trunk(int heatmapSize) {
    List<Integer> strides = strides(heatmapSize);
    SequentialBlock trunk = new SequentialBlock();
    for (int i = 0; i < KERNELS.length; i++) {
      int k = KERNELS[i];
      int s = strides.get(i);
      // No conv bias: the BatchNorm right after it has its own shift.
      trunk.add(Conv2d.builder()
          .setKernelShape(new Shape(k, k))
          .setFilters(FILTERS[i])
          .optStride(new Shape(s, s))
          .optPadding(new Shape(k / 2, k / 2))
          .optBias(false)
          .build());
      trunk.add(BatchNorm.builder().build());
      trunk.add(Activation::relu);
    }
    return trunk;
  }

  static SequentialBlock head(int landmarks) {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(FC1_UNITS).build())
        .add(BatchNorm.builder().build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(2L * landmarks).build());
  }

  /** The last block of the network: FC2, whose parameters get special initial values. */
  static Block outputLayer(SequentialBlock network) {
    Block head = network.getChildren().get(1).getValue();
    List<Block> layers = new ArrayList<>();
    head.getChildren().forEach(p -> layers.add(p.getValue()));
    return layers.get(layers.size() - 1);
  }
}
