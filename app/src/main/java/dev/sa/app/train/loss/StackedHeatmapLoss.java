package dev.sa.app.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * A per-pixel weighted squared error between heatmaps, summed over the stacks of a stacked
 * network (intermediate supervision): {@code sum over stacks of mean(w * (h - y)^2)}, the mean over
 * every pixel of the batch {@code (B, N, h, h)}. Labels: the targets {@code y} first, then what the
 * subclass reads its weights from; predictions: one heatmap array per stack.
 */
public abstract class StackedHeatmapLoss extends Loss {
  protected StackedHeatmapLoss(String name) {
    super(name);
  }

  /** The per-pixel weights for these labels, shaped like the targets, or null for plain MSE. */
  protected abstract NDArray weights(NDList labels);

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray y = labels.get(0);
    NDArray w = weights(labels);
    NDArray total = null;
    for (NDArray h : predictions) {
      NDArray sq = h.sub(y).square();
      if (w != null) {
        sq = sq.mul(w);
      }
      NDArray l = sq.mean();
      total = total == null ? l : total.add(l);
    }
    return total;
  }
}
