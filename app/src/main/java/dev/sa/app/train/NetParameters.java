package dev.sa.app.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The parameters of a {@link LandmarkNet}'s block: the trainable ones (those that record
 * gradients), their gradients, and BatchNorm's running statistics, which a forward pass in
 * training mode may move and {@link #keepingRunningStatistics} puts back.
 */
final class NetParameters {
  private final Block block;
  private final List<Parameter> trainable = new ArrayList<>();

  /** The parameters of an initialised block. */
  NetParameters(Block block) {
    this.block = block;
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        trainable.add(p.getValue());
      }
    }
  }

  /** The parameters that record gradients, in the block's order. */
  List<Parameter> trainable() {
    return trainable;
  }

  /** Number of trainable scalars. */
  long count() {
    long n = 0;
    for (Parameter p : trainable) {
      n += p.getArray().getShape().size();
    }
    return n;
  }

  /** Every parameter of the block, running statistics included, flattened in order. */
  float[] values() {
    List<float[]> parts = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      parts.add(p.getValue().getArray().toFloatArray());
    }
    FloatBuffer all = FloatBuffer.allocate(parts.stream().mapToInt(v -> v.length).sum());
    parts.forEach(all::put);
    return all.array();
  }

  /** The trainable parameters, flattened in order. */
  float[] trainableValues() {
    FloatBuffer all = FloatBuffer.allocate(Math.toIntExact(count()));
    trainable.forEach(p -> all.put(p.getArray().toFloatArray()));
    return all.array();
  }

  /** A copy of the first trainable parameter's gradient. */
  float[] firstGradient() {
    try (NDArray g = trainable.get(0).getArray().getGradient()) {
      return g.toFloatArray();
    }
  }

  /**
   * PyTorch adds every backward pass to the gradients (MXNet overwrites them): clear them after the
   * update so that each step sees its own batch's gradient only.
   */
  void clearGradients() {
    for (Parameter p : trainable) {
      try (NDArray g = p.getArray().getGradient()) {
        g.subi(g);
      }
    }
  }

  /** Makes the trainable parameters record gradients again (loading replaces their arrays). */
  void requireGradients() {
    for (Parameter p : trainable) {
      p.getArray().setRequiresGradient(true);
    }
  }

  /** Whether the block has running averages (BatchNorm). */
  boolean hasRunningStatistics() {
    return !runningStatistics().isEmpty();
  }

  /** Runs {@code body} and then restores the running averages to what they were before it. */
  <T> T keepingRunningStatistics(Supplier<T> body) {
    List<Parameter> running = runningStatistics();
    List<NDArray> saved = new ArrayList<>();
    for (Parameter p : running) {
      saved.add(p.getArray().duplicate());
    }
    try {
      return body.get();
    } finally {
      for (int i = 0; i < running.size(); i++) {
        saved.get(i).copyTo(running.get(i).getArray());
        saved.get(i).close();
      }
    }
  }

  private List<Parameter> runningStatistics() {
    List<Parameter> running = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter.Type t = p.getValue().getType();
      if (t == Parameter.Type.RUNNING_MEAN || t == Parameter.Type.RUNNING_VAR) {
        running.add(p.getValue());
      }
    }
    return running;
  }
}
