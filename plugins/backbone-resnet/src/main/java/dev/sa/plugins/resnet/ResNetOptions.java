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
 *     built by {@link #newLoss(int)}, handed to the host by {@link ResNetPlugin#loss}
 * @param wingWidth Wing loss width w in input-crop pixels (Feng et al. 2018: 10); default 10
 * @param wingEpsilon Wing loss curvature epsilon in input-crop pixels (Feng et al.: 2); default 2
 * @param norm {@code batch} (ResNetV1's BatchNorm, default) or {@code group} (GroupNorm, 32
 *     groups: no running statistics, so training and inference agree at any batch size)
 * @param momentum BatchNorm momentum of the running statistics, {@code running = momentum *
 *     running + (1 - momentum) * batch}; in [0, 1), default 0.9 (DJL's)
 * @param headScale the output is {@code 0.5 + headScale * linear(features)}: a small scale keeps
 *     each optimiser step small in coordinate units (RMSprop moves every head weight by about the
 *     learning rate whatever the gradient's size, and the head sums hundreds of features); 1 is
 *     ResNetV1's plain linear head with its bias starting at 0.5. Default 0.03, chosen on
 *     validation NME (README)
 */
public record ResNetOptions(
    Integer depth, String weights, String loss, Double wingWidth, Double wingEpsilon,
    String norm, Double momentum, Double headScale) {
  static final Set<Integer> DEPTHS = Set.of(18, 34, 50);
  static final Set<String> LOSSES = Set.of("l1", "wing");
  static final Set<String> NORMS = Set.of("batch", "group");
  /** Chosen on validation NME (README): 1 (no scaling) 49-190 %, 0.1 ~8.2 %, 0.03 ~7.5 %. */
  static final double DEFAULT_HEAD_SCALE = 0.03;

  public ResNetOptions {
    depth = depth == null ? 18 : depth;
    loss = loss == null ? "wing" : loss.trim().toLowerCase(Locale.ROOT);
    wingWidth = wingWidth == null ? 10.0 : wingWidth;
    wingEpsilon = wingEpsilon == null ? 2.0 : wingEpsilon;
    norm = norm == null ? "batch" : norm.trim().toLowerCase(Locale.ROOT);
    momentum = momentum == null ? 0.9 : momentum;
    headScale = headScale == null ? DEFAULT_HEAD_SCALE : headScale;
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
    if (!NORMS.contains(norm)) {
      throw new IllegalArgumentException("norm must be batch or group, got '" + norm + "'");
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (!(headScale > 0) || !Double.isFinite(headScale)) {
      throw new IllegalArgumentException("headScale must be > 0, got " + headScale);
    }
    if (!(wingWidth > 0) || !Double.isFinite(wingWidth)) {
      throw new IllegalArgumentException("wingWidth must be > 0 (crop pixels), got " + wingWidth);
    }
    if (!(wingEpsilon > 0) || !Double.isFinite(wingEpsilon)) {
      throw new IllegalArgumentException(
          "wingEpsilon must be > 0 (crop pixels), got " + wingEpsilon);
    }
  }

  /**
   * All defaults: ResNet-18 with BatchNorm (momentum 0.9) and head scale 0.03, no weights, Wing loss
   * with w = 10 px, epsilon = 2 px.
   */
  public static ResNetOptions defaults() {
    return new ResNetOptions(null, null, null, null, null, null, null, null);
  }

  /**
   * The training loss named by {@link #loss()}, for targets and predictions {@code (B, 2N)} in crop
   * pixels divided by the input side S. Wing widths given in pixels are divided by S too, so the
   * loss is the pixel-space Wing loss scaled by 1/S. The host gets it through
   * {@link ResNetPlugin#loss}, the backbone API's loss method.
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
