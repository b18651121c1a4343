package dev.sa.plugins.resnet;

import ai.djl.training.loss.Loss;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code backbone.options} of the {@code resnet} backbone. Missing keys arrive as {@code null}
 * and take the defaults below.
 *
 * @param depth ResNet depth: 18, 34 (basic blocks) or 50 (bottlenecks); default 18
 * @param weights optional path of a parameter file written by DJL's {@code Block.saveParameters}
 *     for the same network (same depth, input size and 2N outputs), loaded after initialisation;
 *     never downloaded. Default: none (random initialisation).
 * @param loss coordinate loss the host should train with, {@code l1} or {@code wing} (default);
 *     read by the host through this accessor, built by {@link #newLoss(int)}
 * @param wingWidth Wing loss width w in input-crop pixels (Feng et al. 2018: 10); default 10
 * @param wingEpsilon Wing loss curvature epsilon in input-crop pixels (Feng et al.: 2); default 2
 */
public record ResNetOptions(
    Integer depth, String weights, String loss, Double wingWidth, Double wingEpsilon) {
  static final Set<Integer> DEPTHS = Set.of(18, 34, 50);
  static final Set<String> LOSSES = Set.of("l1", "wing");

  public ResNetOptions {
    depth = depth == null ? 18 : depth;
    loss = loss == null ? "wing" : loss.trim().toLowerCase(Locale.ROOT);
    wingWidth = wingWidth == null ? 10.0 : wingWidth;
    wingEpsilon = wingEpsilon == null ? 2.0 : wingEpsilon;
    if (!DEPTHS.contains(depth)) {
      throw new IllegalArgumentException("depth must be 18, 34 or 50, got " + depth);
    }
    if (weights != null && weights.isBlank()) {
      throw new IllegalArgumentException(
          "weights must be the path of a saved parameter file, or left out; got an empty value");
    }
    if (!LOSSES.contains(loss)) {
      throw new IllegalArgumentException("loss must be l1 or wing, got '" + loss + "'");
    }
    if (!(wingWidth > 0) || !Double.isFinite(wingWidth)) {
      throw new IllegalArgumentException("wingWidth must be > 0 (crop pixels), got " + wingWidth);
    }
    if (!(wingEpsilon > 0) || !Double.isFinite(wingEpsilon)) {
      throw new IllegalArgumentException(
          "wingEpsilon must be > 0 (crop pixels), got " + wingEpsilon);
    }
  }

  /** All defaults: ResNet-18, no weights, Wing loss with w = 10 px, epsilon = 2 px. */
  public static ResNetOptions defaults() {
    return new ResNetOptions(null, null, null, null, null);
  }

  /**
   * The training loss named by {@link #loss()}, for targets and predictions {@code (B, 2N)} in crop
   * pixels divided by the input side S. Wing widths given in pixels are divided by S too, so the
   * loss is the pixel-space Wing loss scaled by 1/S. Returned as DJL's {@link Loss} so that the host
   * can call it (e.g. by reflection) without compiling against this plugin.
   *
   * @param inputSize S, the input crop side in pixels
   */
  public Loss newLoss(int inputSize) {
    if (inputSize <= 0) {
      throw new IllegalArgumentException("inputSize must be > 0, got " + inputSize);
    }
    return "l1".equals(loss)
        ? CoordinateLoss.l1()
        : CoordinateLoss.wing(wingWidth / inputSize, wingEpsilon / inputSize);
  }
}
