package dev.sa.app.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Eq. 9 of the paper as written (config {@code sa.loss: chi2}): with the target E a Gaussian at
 * y^, {@code chi2(y^ | x; W) = sum_i (E_i - H_i)^2 / E_i}, computed as the squared error weighted
 * per pixel by the weights the caller gives, {@code 1/E} inside the template window around y^ and 0
 * outside ({@code run/Phase}'s chi-square weights, floored by {@code sa.templateFloor}), summed over
 * stacks and divided by the number of pixels ({@link StackedHeatmapLoss}); the constant
 * {@code 1 / (2 sigma2^2)} is left to the learning rate.
 *
 * <p>No foreground weight: {@code train.foregroundWeight} weights the MSE phases only, so the
 * chi-square loss is Eq. 9 whatever that key says. Labels: the targets {@code (B, N, h, h)}, then
 * the weights, same shape.
 */
public final class Chi2Loss extends StackedHeatmapLoss {
  public Chi2Loss() {
    super("Chi2Eq9");
  }

  @Override
  protected NDArray weights(NDList labels) {
    if (labels.size() < 2) {
      throw new IllegalArgumentException("the chi-square loss (Eq. 9) needs per-pixel weights 1/E after the targets");
    }
    return labels.get(1);
  }
}
