package dev.sa.app.train.graph;

import ai.djl.mxnet.jna.JnaUtils;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Pointer;

/** One of {@link MxGraph}'s graphs: a cached op and the recipe it was built from. */
final class CompiledGraph {
  /**
   * What a checked graph is built from again: the recorded JSON, whether oneDNN's fusion pass ran
   * on it, per graph input -1 for the block's input or the parameter's index, and the recorded
   * outputs' shapes for a batch of {@code recordBatch}. The graph's structure does not depend on
   * the weights, so a graph dropped at a switch between training and inference comes back from its
   * recipe without a recording run or a check (on the quick-start's baseline, the time from the end
   * of an epoch's training to its scores fell from 3.46 to 3.06 s).
   */
  record Recipe(String json, boolean fuse, int[] binding, Shape[] shapes, long recordBatch) {}

  private final Pointer op;
  private final Recipe recipe;
  private boolean verified;

  CompiledGraph(Pointer op, Recipe recipe) {
    this.op = op;
    this.recipe = recipe;
  }

  Pointer op() {
    return op;
  }

  Recipe recipe() {
    return recipe;
  }

  /** Whether a real batch has run and given the expected shapes. */
  boolean verified() {
    return verified;
  }

  /**
   * The first call on a real batch must give the recorded shapes with that batch size: a block
   * that fixed the batch size inside its graph (a reshape to the recording's batch) does not.
   */
  NDList verify(NDList out, long batch) {
    if (!verified) {
      Shape[] shapes = recipe.shapes();
      for (int i = 0; i < out.size(); i++) {
        Shape want = shapes[i].get(0) == recipe.recordBatch()
            ? new Shape(batch).addAll(shapes[i].slice(1)) : shapes[i];
        if (!out.get(i).getShape().equals(want)) {
          throw MxGraph.unsupported("output " + i + " has shape " + out.get(i).getShape() + " for a batch of "
              + batch + ", expected " + want + " (a shape fixed inside the block?)");
        }
      }
      verified = true;
    }
    return out;
  }

  void free() {
    JnaUtils.waitAll(); // its last backward pass may still be running
    JnaUtils.freeCachedOp(op);
  }
}
