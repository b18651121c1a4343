package dev.sa.plugins.hourglass;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.PairList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The building blocks of Newell et al.'s stacked hourglass (ECCV 2016), the backbone of paper
 * Section 5, composed from DJL's stock blocks. Every block keeps the spatial size unless it says
 * otherwise; shapes are {@code (B, C, H, W)}.
 */
final class HourglassBlocks {
  private static final Shape ONE = new Shape(1, 1);
  private static final Shape TWO = new Shape(2, 2);
  private static final Shape THREE = new Shape(3, 3);

  private HourglassBlocks() {}

  /**
   * Pre-activation bottleneck residual, Newell's {@code Residual(numIn, numOut)}, with
   * {@code norm} as the normalisation (Newell: BatchNorm): norm-ReLU-conv1x1(out/2),
   * norm-ReLU-conv3x3(out/2), norm-ReLU-conv1x1(out), plus the input (through a
   * 1x1 conv when the width changes). {@code (B, in, H, W) -> (B, out, H, W)}.
   */
  static Block residual(int in, int out, int side, IntFunction<Block> norm) {
    int mid = out / 2;
    SequentialBlock body = new SequentialBlock()
        .add(norm.apply(side))
        .add(Activation.reluBlock())
        // No bias where a normalisation follows: it would be subtracted again.
        .add(conv(1, mid, false))
        .add(norm.apply(side))
        .add(Activation.reluBlock())
        .add(conv(3, mid, false))
        .add(norm.apply(side))
        .add(Activation.reluBlock())
        .add(conv(1, out, true));
    Block skip = in == out ? Blocks.identityBlock() : conv(1, out, true);
    return new ParallelBlock(HourglassBlocks::sum, List.of(body, skip));
  }

  /**
   * One hourglass of recursion depth {@code depth}: the map goes down by max-pooling and back up by
   * nearest-neighbour upsampling, with a residual skip at every scale, so the output mixes context
   * from {@code 2^depth} times coarser maps into every pixel. {@code (B, C, H, W) -> (B, C, H, W)},
   * H divisible by {@code 2^depth}.
   */
  static Block hourglass(int depth, int channels, int side, IntFunction<Block> norm) {
    int half = side / 2;
    SequentialBlock lower = new SequentialBlock()
        .add(Pool.maxPool2dBlock(TWO, TWO))
        .add(residual(channels, channels, half, norm))
        .add(depth > 1 ? hourglass(depth - 1, channels, half, norm) : residual(channels, channels, half, norm))
        .add(residual(channels, channels, half, norm))
        .add(upsample2());
    return new ParallelBlock(HourglassBlocks::sum, List.of(residual(channels, channels, side, norm), lower));
  }

  /**
   * Newell's stem, reduced to the input-to-heatmap ratio: conv7x7 (stride 2 unless ratio 1),
   * norm-ReLU, residual to full width, max-pool (ratio 4 only), two residuals.
   * {@code (B, 3, S, S) -> (B, channels, S/ratio, S/ratio)}.
   */
  static Block stem(int ratio, int channels, int inputSide, IntFunction<Block> norm) {
    int half = channels / 2;
    long stride = ratio == 1 ? 1 : 2;
    SequentialBlock stem = new SequentialBlock()
        .add(Conv2d.builder()
            .setKernelShape(new Shape(7, 7))
            .setFilters(half)
            .optStride(new Shape(stride, stride))
            .optPadding(THREE)
            .optBias(false)
            .build())
        .add(norm.apply(inputSide / (int) stride))
        .add(Activation.reluBlock())
        .add(residual(half, channels, inputSide / (int) stride, norm));
    if (ratio == 4) {
      stem.add(Pool.maxPool2dBlock(TWO, TWO));
    }
    int side = inputSide / ratio;
    return stem.add(residual(channels, channels, side, norm)).add(residual(channels, channels, side, norm));
  }

  /**
   * One stack's body up to its heatmap head: the hourglass, then (Newell's {@code ll}) a residual
   * and conv1x1-norm-ReLU. {@code (B, C, h, h) -> (B, C, h, h)}.
   */
  static Block stackBody(int depth, int channels, int side, IntFunction<Block> norm) {
    return new SequentialBlock()
        .add(hourglass(depth, channels, side, norm))
        .add(residual(channels, channels, side, norm))
        .add(conv(1, channels, false))
        .add(norm.apply(side))
        .add(Activation.reluBlock());
  }

  /**
   * The normalisation layers {@code options} ask for, by the side of the map they normalise (see
   * {@link HourglassOptions#norm()}): one new block per call.
   */
  static IntFunction<Block> norm(HourglassOptions options) {
    return side -> switch (options.norm()) {
      case "batch" -> BatchNorm.builder().build();
      case "group" -> new GroupNorm(options.groups());
      default -> side <= options.groupSide() ? new GroupNorm(options.groups()) : BatchNorm.builder().build();
    };
  }

  /** Plain 1x1 convolution with bias: heatmap head and the remaps between stacks. */
  static Block conv1x1(int filters) {
    return conv(1, filters, true);
  }

  /**
   * Nearest-neighbour upsampling by 2 (no transposed convolution: it would add parameters and
   * checkerboard artefacts). Each engine's own nearest upsampling where it has one, as they give
   * the same numbers faster than the portable two repeats (bench/README.md): MXNet's
   * {@code UpSampling} (2.2x faster forward and backward), PyTorch's {@code interpolate}; the
   * repeats elsewhere.
   */
  static Block upsample2() {
    return LambdaBlock.singleton(HourglassBlocks::upsample2, "upsample2");
  }

  static NDArray upsample2(NDArray x) {
    if (onEngine(x, "MXNet")) {
      PairList<String, Object> nearest2 = new PairList<>();
      nearest2.add("scale", 2);
      nearest2.add("sample_type", "nearest");
      nearest2.add("num_args", 1);
      return x.getManager().invoke("UpSampling", new NDList(x), nearest2).singletonOrThrow();
    }
    if (onEngine(x, "PyTorch")) {
      Shape s = x.getShape();
      return x.getNDArrayInternal().interpolation(new long[] {2 * s.get(2), 2 * s.get(3)}, 0, false);
    }
    return x.repeat(2, 2).repeat(3, 2);
  }

  private static Block conv(int kernel, int filters, boolean bias) {
    return Conv2d.builder()
        .setKernelShape(kernel == 1 ? ONE : THREE)
        .setFilters(filters)
        .optPadding(kernel == 1 ? new Shape(0, 0) : ONE)
        .optBias(bias)
        .build();
  }

  private static boolean onEngine(NDArray x, String engine) {
    return engine.equals(x.getManager().getEngine().getEngineName());
  }

  private static NDList sum(List<NDList> branches) {
    return new NDList(add(branches.get(0).singletonOrThrow(), branches.get(1).singletonOrThrow()));
  }

  /**
   * {@code a + b} for same-shaped arrays. On MXNet its legacy {@code elemwise_add}: DJL's
   * {@code add} runs MXNet's numpy {@code _npi_add}, a broadcasting kernel that MXNet's profiler
   * timed at 7.1 ms per (8, 128, 64, 64) sum, 29% of the hourglass's inference, and which oneDNN's
   * fusion pass cannot fold into the convolution before it (bench/README.md). Same numbers.
   */
  static NDArray add(NDArray a, NDArray b) {
    if (onEngine(a, "MXNet")) {
      return a.getManager().invoke("elemwise_add", new NDList(a, b), null).singletonOrThrow();
    }
    return a.add(b);
  }

  /**
   * {@code a + b + c} for same-shaped arrays: MXNet's {@code add_n} there (DJL's n-ary
   * {@code NDArrays.add} stacks the arrays and sums the stack, 87 ms per hourglass forward at
   * 256 px), two adds elsewhere.
   */
  static NDArray add(NDArray a, NDArray b, NDArray c) {
    if (onEngine(a, "MXNet")) {
      PairList<String, Object> three = new PairList<>();
      three.add("num_args", 3);
      return a.getManager().invoke("add_n", new NDList(a, b, c), three).singletonOrThrow();
    }
    return a.add(b).add(c);
  }
}
