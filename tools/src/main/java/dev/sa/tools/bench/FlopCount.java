package dev.sa.tools.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.convolutional.Deconvolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

/**
 * The floating-point operations of a network's forward pass per input, counted from its layer
 * shapes: every convolution, transposed convolution and dense layer exactly (one multiply and one
 * add per weight use, i.e. 2 x MACs, plus the bias add where the layer has one). Left out, as
 * small beside them: normalisation, activations (ReLU), pooling, upsampling, the residual sums and
 * the loss. A training step counts as 3 x forward (the backward pass computes the gradient with
 * respect to the input and the weights, each about one forward pass), the usual rule.
 *
 * <p>The shapes are the ones the block was initialised with ({@link Block#getInputShapes()});
 * counts are per sample (the batch dimension is divided out).
 */
public final class FlopCount {
  /** The training step's FLOPs as a multiple of the forward pass's. */
  public static final double TRAIN_FACTOR = 3;

  /**
   * @param forward FLOPs of one sample's forward pass, convolutions and dense layers
   * @param layers the layers counted
   * @param uninitialised layers of a counted kind without input shapes (not counted; 0 normally)
   */
  public record Count(double forward, int layers, int uninitialised) {
    /** FLOPs of one training step on {@code batch} samples (3 x forward). */
    public double trainStep(int batch) {
      return TRAIN_FACTOR * forward * batch;
    }
  }

  private FlopCount() {}

  /** The count of an initialised {@code block} and every block inside it. */
  public static Count of(Block block) {
    double[] flops = new double[1];
    int[] counts = new int[2];
    walk(block, flops, counts);
    return new Count(flops[0], counts[0], counts[1]);
  }

  private static void walk(Block block, double[] flops, int[] counts) {
    if (block instanceof Convolution || block instanceof Deconvolution || block instanceof Linear) {
      Shape[] in = block.isInitialized() ? block.getInputShapes() : null;
      if (in == null || in.length == 0) {
        counts[1]++;
      } else {
        flops[0] += layer(block, in[0]);
        counts[0]++;
      }
    }
    for (Pair<String, Block> child : block.getChildren()) {
      walk(child.getValue(), flops, counts);
    }
  }

  /** FLOPs per sample of one layer whose input (batch first) has shape {@code in}. */
  static double layer(Block block, Shape in) {
    Shape out = block.getOutputShapes(new Shape[] {in})[0];
    double batch = in.get(0);
    if (block instanceof Convolution c) {
      // every output value: (C_in / groups) x kernel multiply-adds, plus the bias
      double perOutput = 2.0 * in.get(1) / c.getGroups() * c.getKernelShape().size() + bias(block);
      return perOutput * out.size() / batch;
    }
    if (block instanceof Deconvolution) {
      // every input value is spread over C_out / groups x kernel outputs: the weight holds
      // (C_in, C_out / groups, kh, kw), so a multiply-add per weight and input pixel
      Shape w = block.getParameters().get("weight").getArray().getShape();
      double spatialIn = in.size() / (in.get(0) * in.get(1));
      return 2.0 * w.size() * spatialIn + bias(block) * out.size() / batch;
    }
    Linear l = (Linear) block;
    Shape w = l.getParameters().get("weight").getArray().getShape();
    double rows = in.size() / in.get(in.dimension() - 1);
    // weight (out, in): a multiply-add per weight and input row, plus the bias
    return (2.0 * w.size() * rows + bias(block) * out.size()) / batch;
  }

  private static int bias(Block block) {
    return block.getParameters().keys().contains("bias") ? 1 : 0;
  }
}
