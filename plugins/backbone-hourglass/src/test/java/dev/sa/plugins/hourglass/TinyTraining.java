package dev.sa.plugins.hourglass;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** Test fixture: a Trainer around a backbone block, Adam, and MSE summed over the stacks. */
final class TinyTraining implements AutoCloseable {
  private final Model model;
  final Trainer trainer;

  TinyTraining(Block block, Shape input, float learningRate) {
    model = Model.newInstance("hourglass-test");
    model.setBlock(block);
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build());
    trainer = model.newTrainer(config);
    trainer.initialize(input);
  }

  /** One optimiser step on the whole batch; returns the loss before the step. */
  float step(NDArray images, NDArray target) {
    // Intermediate arrays join their first input's manager; a per-step manager frees them, as
    // the host does per batch. Without it every step's activations stay alive.
    try (NDManager batch = trainer.getManager().newSubManager()) {
      images.tempAttach(batch);
      target.tempAttach(batch);
      float value;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDList heatmaps = trainer.forward(new NDList(images));
        NDArray loss = mse(heatmaps, target);
        value = loss.getFloat();
        collector.backward(loss);
      }
      trainer.step();
      return value;
    }
  }

  /** Intermediate supervision: every stack is pulled toward the same target. */
  static NDArray mse(NDList heatmaps, NDArray target) {
    NDArray total = null;
    for (NDArray stack : heatmaps) {
      NDArray loss = stack.sub(target).square().mean();
      total = total == null ? loss : total.add(loss);
    }
    return total;
  }

  /** Fixed Gaussian heatmaps (B, N, h, h), sigma 1, centred at landmark-dependent pixels. */
  static NDArray gaussians(NDManager manager, int batch, int landmarks, int side) {
    float[] data = new float[batch * landmarks * side * side];
    int i = 0;
    for (int b = 0; b < batch; b++) {
      for (int n = 0; n < landmarks; n++) {
        double cx = 1 + (n * 3 + b) % (side - 2);
        double cy = 1 + (n * 5 + 2 * b) % (side - 2);
        for (int y = 0; y < side; y++) {
          for (int x = 0; x < side; x++) {
            data[i++] = (float) Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 2.0);
          }
        }
      }
    }
    return manager.create(data, new Shape(batch, landmarks, side, side));
  }

  NDManager manager() {
    return trainer.getManager();
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
