package dev.sa.plugins.pca;

import java.util.Locale;

/**
 * The {@code options:} block of the {@code pca} refiner. Missing keys arrive as {@code null} and
 * take the defaults below.
 *
 * @param variance fraction of the aligned training shapes' variance the kept modes explain,
 *     default 0.98, in (0, 1]
 * @param components at most this many modes; default 0 = no cap beyond {@code variance}; 0..1000
 * @param iterations iteratively reweighted least-squares rounds per face, default 10, in 1..100
 * @param robust weight function on the residuals: {@code huber} (default), {@code tukey} (rejects
 *     gross outliers completely), or {@code none} (confidence weights only)
 * @param clamp shape coefficients are kept within +-clamp * sqrt(eigenvalue), default 3, in (0, 10]
 * @param minConfidence heatmap peaks below this are raised to it, so that no point gets weight 0,
 *     default 0.001, in (0, 1]
 */
public record PcaOptions(
    Double variance, Integer components, Integer iterations, String robust, Double clamp, Double minConfidence) {
  /** Names accepted by {@code robust}. */
  public static final String HUBER = "huber";

  public static final String TUKEY = "tukey";
  public static final String NONE = "none";

  public PcaOptions {
    variance = variance == null ? 0.98 : variance;
    if (!(variance > 0 && variance <= 1)) {
      throw new IllegalArgumentException("options.variance: " + variance + " is outside (0, 1]");
    }
    components = components == null ? 0 : components;
    if (components < 0 || components > 1000) {
      throw new IllegalArgumentException("options.components: " + components + " is outside 0..1000 (0 = no cap)");
    }
    iterations = iterations == null ? 10 : iterations;
    if (iterations < 1 || iterations > 100) {
      throw new IllegalArgumentException("options.iterations: " + iterations + " is outside 1..100");
    }
    robust = robust == null ? HUBER : robust.trim().toLowerCase(Locale.ROOT);
    if (!robust.equals(HUBER) && !robust.equals(TUKEY) && !robust.equals(NONE)) {
      throw new IllegalArgumentException("options.robust: '" + robust + "' is not valid; use huber, tukey or none");
    }
    clamp = clamp == null ? 3.0 : clamp;
    if (!(clamp > 0 && clamp <= 10)) {
      throw new IllegalArgumentException("options.clamp: " + clamp + " is outside (0, 10]");
    }
    minConfidence = minConfidence == null ? 1e-3 : minConfidence;
    if (!(minConfidence > 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("options.minConfidence: " + minConfidence + " is outside (0, 1]");
    }
  }

  /** All defaults. */
  public static PcaOptions defaults() {
    return new PcaOptions(null, null, null, null, null, null);
  }
}
