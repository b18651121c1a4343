package dev.sa.app.train.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.sa.app.config.Choices.GraphMode;

/**
 * A network's forward pass run as one recorded engine graph instead of operator by operator (config
 * {@code graph}, {@link GraphMode}). Today only MXNet with one device has one ({@link MxGraph}).
 * A graph reads the parameters from the store the caller gives, so optimiser updates and loaded
 * checkpoints reach it; it gives the block's own outputs up to float rounding.
 */
public interface NetGraph extends AutoCloseable {
  /**
   * The block's output for {@code x}, as {@code block.forward(store, x, training)} would give.
   *
   * @throws Unsupported when the block cannot run as one graph; the caller runs it operator by
   *     operator from then on
   */
  NDList forward(ParameterStore store, NDArray x, boolean training);

  /**
   * Waits until every pass the graph started has finished, side effects included. MXNet's cached
   * graph updates BatchNorm's running averages in its backward pass without making a later read or
   * write of those arrays wait for it (measured: a running average zeroed right after a training
   * step was sometimes overwritten by that step's update; docs/training-stability.md, section 6).
   */
  void sync();

  /** Frees every recorded graph; the next call records afresh (after the parameter arrays were replaced). */
  @Override
  void close();

  /**
   * The graph for {@code mode}, or null where the network runs operator by operator: mode
   * {@code off}, another engine than MXNet, or several devices.
   *
   * @param engineName DJL's engine name
   */
  static NetGraph of(GraphMode mode, Block block, String engineName, int devices) {
    if (mode == GraphMode.OFF || devices != 1 || !"MXNet".equals(engineName)) {
      return null;
    }
    return new MxGraph(block, mode == GraphMode.STATIC);
  }

  /** The block cannot run as one graph; the caller runs it operator by operator. */
  final class Unsupported extends RuntimeException {
    public Unsupported(String message) {
      super("graph: " + message);
    }
  }
}
