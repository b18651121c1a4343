package dev.sa.app.method;

import dev.sa.app.config.SaConfig;

/**
 * The sizes and weights of the latent search (paper Section 4.4, Eqs. 3-8), at the resolution the
 * search runs at.
 *
 * @param window side of the search window in heatmap pixels at the upsampled resolution (odd)
 * @param template side of the Gaussian template at the upsampled resolution (odd)
 * @param sigma the template's standard deviation in heatmap pixels (the training targets' sigma)
 * @param lambda weight of the chi-square likelihood; 0 keeps o
 * @param upsample odd integer factor
 * @param floor the template's tail floor, keeps 1/E finite
 * @param subpixel refine the argmin by a parabola through the neighbouring costs
 */
public record SearchParams(int window, int template, double sigma, double lambda, int upsample, double floor,
    boolean subpixel) {
  public SearchParams {
    if (window < 1 || window % 2 == 0) {
      throw new IllegalArgumentException("sa.window must scale to an odd size >= 1, got " + window);
    }
    if (template < 1 || template % 2 == 0) {
      throw new IllegalArgumentException("sa.template must scale to an odd size >= 1, got " + template);
    }
    if (upsample < 1 || upsample % 2 == 0) {
      throw new IllegalArgumentException("sa.upsample must be an odd integer >= 1 (1, 3, 5), got " + upsample);
    }
    if (!(floor > 0) || lambda < 0 || !(sigma > 0)) {
      throw new IllegalArgumentException("sa.templateFloor and sigma must be > 0 and sa.lambda >= 0");
    }
  }

  /**
   * The search of a config: {@code sa.window} and {@code sa.template} (given at the
   * {@code sa.referenceSize} heatmap) scaled to {@code input.heatmapSize} upsampled by
   * {@code sa.upsample}; the template's sigma is the training targets' {@code input.sigma}.
   */
  public static SearchParams of(SaConfig c) {
    SaConfig.SaSearchConfig s = c.sa();
    return scaled(s.window(), s.template(), s.referenceSize(), c.input().heatmapSize(), s.upsample(),
        c.input().sigma(), s.lambda(), s.templateFloor(), s.subpixel());
  }

  /**
   * Scales the paper's sizes (given at a {@code referenceSize} heatmap) to a heatmap of side
   * {@code heatmapSize} upsampled by {@code upsample}, rounding to the nearest odd size.
   */
  public static SearchParams scaled(int windowAtReference, int templateAtReference, double referenceSize,
      int heatmapSize, int upsample, double sigma, double lambda, double floor, boolean subpixel) {
    double f = heatmapSize * upsample / referenceSize;
    return new SearchParams(odd(windowAtReference * f), odd(templateAtReference * f), sigma, lambda, upsample, floor,
        subpixel);
  }

  private static int odd(double v) {
    int r = (int) Math.round(v);
    if (r % 2 == 0) {
      r = v >= r ? r + 1 : r - 1;
    }
    return Math.max(1, r);
  }
}
