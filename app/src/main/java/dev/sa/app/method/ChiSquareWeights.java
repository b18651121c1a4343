package dev.sa.app.method;

/**
 * The per-pixel weights of the Eq. 9 loss: {@code sum_i w_i (H_i - E_i(y^))^2} with
 * {@code w_i = 1/E_i} inside the template window around y^ and 0 elsewhere, i.e. the Pearson
 * chi-square between the predicted heatmap and the ideal Gaussian at y^ (paper Section 4.4). The
 * template is the search's ({@link SearchParams}) at the heatmap's own resolution: its side is the
 * search template divided by the upsampling (odd, at least 1), its sigma the targets' sigma and its
 * floor the search's floor. The loss itself is the network's ({@code LandmarkNet}); this class only
 * renders the weights that the batches carry beside the targets.
 */
public final class ChiSquareWeights implements TargetWeights {
  private final int side;
  private final double sigma;
  private final double floor;
  private final int heatmapSize;

  /**
   * @param search the search whose template the loss measures against
   * @param heatmapSize h, the side of the heatmaps the weights are rendered into
   */
  public ChiSquareWeights(SearchParams search, int heatmapSize) {
    this.side = Math.max(1, search.template() / search.upsample()) | 1;
    this.sigma = search.sigma();
    this.floor = search.floor();
    this.heatmapSize = heatmapSize;
  }

  /** The side of the weighted window in heatmap pixels (odd). */
  public int side() {
    return side;
  }

  @Override
  public void render(double xInHeatmap, double yInHeatmap, float[] out, int offset) {
    int h = heatmapSize;
    int cx = (int) Math.round(xInHeatmap);
    int cy = (int) Math.round(yInHeatmap);
    int r = side / 2;
    for (int yy = Math.max(0, cy - r); yy <= Math.min(h - 1, cy + r); yy++) {
      for (int xx = Math.max(0, cx - r); xx <= Math.min(h - 1, cx + r); xx++) {
        double dx = xx - xInHeatmap;
        double dy = yy - yInHeatmap;
        double e = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
        out[offset + yy * h + xx] = (float) (1.0 / Math.max(floor, e));
      }
    }
  }
}
