package dev.sa.app.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sa.api.Landmarks;
import dev.sa.app.method.Frames.CropTransform;
import java.util.Arrays;
import java.util.List;

/**
 * Step 1 of the alternation (paper Section 4.4, Eqs. 3-8) for a batch of training faces: o is
 * mapped from image pixels into heatmap pixels of each face's plain crop, y^ is searched there
 * ({@link SemanticSearch}), and mapped back to image pixels into the labels.
 */
public final class SearchStep {
  private final SemanticSearch search;
  private final Frames frames;
  private final boolean wholeField;
  private final boolean[] kept;

  /**
   * @param wholeField compute the chi-square field of whole heatmaps on the engine
   *     ({@code sa.chi2: field}) instead of only inside each window on the CPU ({@code window})
   * @param kept per landmark, true where y^ stays o exactly ({@code sa.points: weak} keeps the
   *     scheme's other points); null searches every point
   */
  public SearchStep(SemanticSearch search, Frames frames, boolean wholeField, boolean[] kept) {
    if (kept != null && kept.length != frames.landmarks()) {
      throw new IllegalArgumentException("kept: " + kept.length + " flags for " + frames.landmarks() + " landmarks");
    }
    this.search = search;
    this.frames = frames;
    this.wholeField = wholeField;
    this.kept = kept == null ? null : kept.clone();
  }

  public SemanticSearch search() {
    return search;
  }

  /**
   * Whether y^ is o whatever the heatmaps: lambda = 0 is "human annotations only" (Table 5), so
   * {@link #keepObservations} replaces the search, with no round trip through the frames.
   */
  public boolean keepsObservations() {
    return search.params().lambda() == 0;
  }

  /** y^ <- o for every face. */
  public void keepObservations(Labels labels) {
    for (int i = 0; i < labels.size(); i++) {
      labels.setSearched(i, labels.observation(i));
    }
  }

  /**
   * Searches y^ for one batch of training faces.
   *
   * @param heatmaps {@code (B, N, h, h)} the faces' predicted heatmaps on their plain crops, attached to {@code step}
   * @param transforms each face's plain crop
   * @param indices each face's index in {@code labels}
   * @return nanoseconds spent in the search itself (mapping and argmin), without copying the heatmaps
   */
  public long searchBatch(NDManager step, NDArray heatmaps, List<CropTransform> transforms, int[] indices,
      Labels labels) {
    float[] values = wholeField ? null : heatmaps.toFloatArray();
    long s0 = System.nanoTime();
    int n = frames.landmarks();
    int b = indices.length;
    double[] obs = new double[b * n * 2];
    for (int i = 0; i < b; i++) {
      frames.toHeatmap(transforms.get(i), labels.observation(indices[i]), obs, i * n * 2);
    }
    int h = frames.heatmapSize();
    double[] fit = new double[b * n];
    double[] found = wholeField
        ? search.search(search.chiSquareField(step, heatmaps).toFloatArray(), h * search.params().upsample(), obs, fit)
        : search.searchWindows(values, h, obs, fit);
    for (int i = 0; i < b; i++) {
      Landmarks y = frames.heatmapToImage(transforms.get(i), found, i * n * 2, n);
      double[] fits = Arrays.copyOfRange(fit, i * n, (i + 1) * n);
      if (kept != null) {
        y = keep(y, labels.observation(indices[i]));
        for (int k = 0; k < n; k++) {
          fits[k] = kept[k] ? Double.NaN : fits[k];
        }
      }
      labels.setSearched(indices[i], y, fits);
    }
    return System.nanoTime() - s0;
  }

  /** {@code y} with the kept points replaced by their observation, bit for bit. */
  private Landmarks keep(Landmarks y, Landmarks o) {
    float[] xy = y.toArray();
    for (int k = 0; k < kept.length; k++) {
      if (kept[k]) {
        xy[2 * k] = o.x(k);
        xy[2 * k + 1] = o.y(k);
      }
    }
    return Landmarks.of(xy);
  }
}
