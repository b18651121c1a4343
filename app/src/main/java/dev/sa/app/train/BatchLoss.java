package dev.sa.app.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import dev.sa.api.Backbone;
import dev.sa.api.EngineArrays;
import dev.sa.app.data.BatchSource;
import java.util.Arrays;

/**
 * What a {@link LandmarkNet} batch trains against: the engine arrays of a slice of faces (images,
 * targets, per-pixel weights) and the loss of the network's output for them. Coordinates (crop
 * pixels / S) go against the loss; heatmaps against the loss, or with the batch's per-pixel weights
 * against the weighted loss. Holds no arrays itself.
 */
final class BatchLoss {
  private final Backbone.Output output;
  private final int landmarks;
  private final int inputSize;
  private final int heatmapSize;
  private final Loss loss;
  private final Loss weightedLoss;

  BatchLoss(Backbone.Output output, int landmarks, int inputSize, int heatmapSize, Loss loss, Loss weightedLoss) {
    this.output = output;
    this.landmarks = landmarks;
    this.inputSize = inputSize;
    this.heatmapSize = heatmapSize;
    this.loss = loss;
    this.weightedLoss = weightedLoss;
  }

  /** The loss of batches without per-pixel weights. */
  Loss loss() {
    return loss;
  }

  /** Faces {@code [from, from + n)} of a per-face array with {@code len} values per face. */
  private static float[] slice(float[] values, int from, int n, int len) {
    return from == 0 && values.length == n * len ? values : Arrays.copyOfRange(values, from * len, (from + n) * len);
  }

  /** {@code n} images {@code (n, 3, S, S)} on {@code on}. */
  NDArray images(NDManager on, float[] images, int n) {
    return EngineArrays.create(on, images, new Shape(n, 3, inputSize, inputSize));
  }

  /** The images of faces {@code [from, from + n)} of the batch. */
  NDArray input(NDManager on, BatchSource.Batch batch, int from, int n) {
    return images(on, slice(batch.images(), from, n, 3 * inputSize * inputSize), n);
  }

  /**
   * The loss of faces {@code [from, from + n)} of the batch against the network's output for them:
   * coordinates (crop pixels / S) against the loss; heatmaps against the loss, or with the batch's
   * per-pixel weights against the weighted loss.
   */
  NDArray loss(NDManager step, BatchSource.Batch batch, int from, int n, NDList out) {
    if (output == Backbone.Output.COORDINATES) {
      int len = 2 * landmarks;
      NDArray y = EngineArrays.create(step, slice(batch.targetsInCrop(), from, n, len), new Shape(n, len))
          .div(inputSize);
      return loss.evaluate(new NDList(y), new NDList(out.get(0)));
    }
    Shape shape = new Shape(n, landmarks, heatmapSize, heatmapSize);
    int len = landmarks * heatmapSize * heatmapSize;
    NDArray y = EngineArrays.create(step, slice(batch.targets(), from, n, len), shape);
    if (batch.weights() == null) {
      return loss.evaluate(new NDList(y), out);
    }
    NDArray w = EngineArrays.create(step, slice(batch.weights(), from, n, len), shape);
    return weightedLoss.evaluate(new NDList(y, w), out);
  }
}
