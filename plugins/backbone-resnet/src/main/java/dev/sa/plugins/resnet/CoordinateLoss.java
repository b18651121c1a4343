package dev.sa.plugins.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * L1 or Wing loss (Feng et al., CVPR 2018) between coordinate vectors, for the ResNet regression
 * baseline. Engine-neutral: only DJL {@link NDArray} operations.
 *
 * <p>Labels {@code (B, 2N)} (and optionally a second array of weights, {@code (B, 2N)} per
 * coordinate or {@code (B, N)} per landmark, e.g. visibility), predictions {@code (B, 2N)}, both
 * {@code x0, y0, x1, y1, ...} in crop pixels divided by S. With error {@code e = |pred - label|}:
 * <pre>
 *   L1:   l(e) = e
 *   Wing: l(e) = w ln(1 + e / epsilon)   if e &lt; w
 *               e - C                     otherwise,   C = w - w ln(1 + w / epsilon)
 * </pre>
 * C joins the two pieces continuously at {@code e = w}. Feng et al. use w = 10 and epsilon = 2 in
 * pixels; in units of the crop side S both become {@code 10 / S} and {@code 2 / S}, which gives
 * exactly the pixel-space loss divided by S (slope near zero {@code w / epsilon = 5} either way).
 * The result is the mean of {@code l} over all coordinates, or with weights
 * {@code sum(weight * l) / sum(weight)}.
 */
public final class CoordinateLoss extends Loss {
  /** Guards the weighted mean against a batch whose weights are all zero. */
  private static final float MIN_WEIGHT_SUM = 1e-8f;

  private final boolean wing;
  private final float width;
  private final float epsilon;
  private final float offset;

  private CoordinateLoss(String name, boolean wing, float width, float epsilon) {
    super(name);
    this.wing = wing;
    this.width = width;
    this.epsilon = epsilon;
    this.offset = wing ? (float) (width - width * Math.log1p(width / epsilon)) : 0f;
  }

  /** Mean absolute error. */
  public static CoordinateLoss l1() {
    return new CoordinateLoss("L1Loss", false, 0f, 0f);
  }

  /**
   * Wing loss with width and curvature in the same units as the coordinates (crop side = 1).
   *
   * @param width w &gt; 0, where the loss turns from logarithmic to linear
   * @param epsilon curvature &gt; 0 of the logarithmic part
   */
  public static CoordinateLoss wing(double width, double epsilon) {
    if (!(width > 0) || !(epsilon > 0) || !Double.isFinite(width) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException(
          "wing loss needs width > 0 and epsilon > 0, got " + width + ", " + epsilon);
    }
    return new CoordinateLoss("WingLoss", true, (float) width, (float) epsilon);
  }

  /** Feng et al.'s setting, w = 10 px and epsilon = 2 px, for an input crop of side S pixels. */
  public static CoordinateLoss wingForInputSize(int inputSize) {
    return wing(10.0 / inputSize, 2.0 / inputSize);
  }

  /** True for Wing loss, false for L1. */
  public boolean isWing() {
    return wing;
  }

  /** Wing width w in coordinate units (0 for L1). */
  public float width() {
    return width;
  }

  /** Wing curvature epsilon in coordinate units (0 for L1). */
  public float epsilon() {
    return epsilon;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray target = labels.get(0);
    NDArray error = predictions.singletonOrThrow().sub(target).abs();
    NDArray perCoordinate = wing
        ? NDArrays.where(error.lt(width), error.div(epsilon).add(1f).log().mul(width),
            error.sub(offset))
        : error;
    if (labels.size() < 2) {
      return perCoordinate.mean();
    }
    NDArray weights = labels.get(1);
    if (weights.getShape().get(1) * 2 == target.getShape().get(1)) {
      // One weight per landmark applies to both of its coordinates (x and y are interleaved).
      weights = weights.repeat(1, 2);
    }
    return perCoordinate.mul(weights).sum().div(weights.sum().maximum(MIN_WEIGHT_SUM));
  }
}
