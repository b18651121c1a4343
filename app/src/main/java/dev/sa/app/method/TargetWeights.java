package dev.sa.app.method;

/**
 * Renders per-pixel loss weights around one training target, beside its Gaussian heatmap; the
 * data pipeline calls it for every landmark of every face of a Step 2 batch. See
 * {@link ChiSquareWeights} (Eq. 9).
 */
@FunctionalInterface
public interface TargetWeights {
  /**
   * Writes the weights of the target at ({@code xInHeatmap}, {@code yInHeatmap}) into the h x h map
   * at {@code out[offset ..]}; pixels it leaves alone keep weight 0.
   */
  void render(double xInHeatmap, double yInHeatmap, float[] out, int offset);
}
