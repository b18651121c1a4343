package dev.sa.app.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The heatmap MSE of the baseline and of every MSE phase, weighted per pixel by
 * {@code 1 + foregroundWeight * target} (config {@code train.foregroundWeight}; 0 is the paper's
 * plain MSE), summed over stacks ({@link StackedHeatmapLoss}). Labels: the targets
 * {@code (B, N, h, h)} only.
 */
public final class HeatmapMseLoss extends StackedHeatmapLoss {
  private final float foregroundWeight;

  /** @param foregroundWeight >= 0; 0 is plain MSE */
  public HeatmapMseLoss(double foregroundWeight) {
    super("HeatmapMSE");
    if (!(foregroundWeight >= 0) || !Double.isFinite(foregroundWeight)) {
      throw new IllegalArgumentException("foreground weight must be >= 0, got " + foregroundWeight);
    }
    this.foregroundWeight = (float) foregroundWeight;
  }

  public double foregroundWeight() {
    return foregroundWeight;
  }

  @Override
  protected NDArray weights(NDList labels) {
    return foregroundWeight > 0 ? labels.get(0).mul(foregroundWeight).add(1f) : null;
  }
}
