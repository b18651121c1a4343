package dev.sa.app.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sa.api.Landmarks;
import dev.sa.app.method.Frames.CropTransform;
import java.util.ArrayList;
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
  private final boolean centreMoves;
  /** With {@link #centreMoves}: the faces searched in this pass, waiting for {@link #finishPass}. */
  private final List<Found> pending = new ArrayList<>();

  /** One face's search in heatmap pixels of its crop, held until the pass's mean move is known. */
  private record Found(int index, CropTransform transform, double[] obs, double[] found, double[] fits) {}

  /** The paper's step: y^ as searched. */
  public SearchStep(SemanticSearch search, Frames frames, boolean wholeField, boolean[] kept) {
    this(search, frames, wholeField, kept, false);
  }

  /**
   * @param wholeField compute the chi-square field of whole heatmaps on the engine
   *     ({@code sa.chi2: field}) instead of only inside each window on the CPU ({@code window})
   * @param kept per landmark, true where y^ stays o exactly ({@code sa.points: weak} keeps the
   *     scheme's other points); null searches every point
   * @param centreMoves {@code sa.moves: centred}: y^ is written by {@link #finishPass}, after the
   *     mean over the pass's faces of y^ - o (heatmap pixels of each crop) is removed per landmark
   */
  public SearchStep(SemanticSearch search, Frames frames, boolean wholeField, boolean[] kept, boolean centreMoves) {
    if (kept != null && kept.length != frames.landmarks()) {
      throw new IllegalArgumentException("kept: " + kept.length + " flags for " + frames.landmarks() + " landmarks");
    }
    this.search = search;
    this.frames = frames;
    this.wholeField = wholeField;
    this.kept = kept == null ? null : kept.clone();
    this.centreMoves = centreMoves;
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
      double[] fits = Arrays.copyOfRange(fit, i * n, (i + 1) * n);
      if (centreMoves) {
        pending.add(new Found(indices[i], transforms.get(i), Arrays.copyOfRange(obs, i * n * 2, (i + 1) * n * 2),
            Arrays.copyOfRange(found, i * n * 2, (i + 1) * n * 2), fits));
      } else {
        set(labels, indices[i], transforms.get(i), found, i * n * 2, fits);
      }
    }
    return System.nanoTime() - s0;
  }

  /**
   * Ends a search pass over the label set. With {@code sa.moves: centred}, removes per landmark the
   * mean over the pass's faces of y^ - o (heatmap pixels of each face's crop) from every face's y^
   * and writes the labels; otherwise they were written batch by batch and nothing is left to do.
   */
  public void finishPass(Labels labels) {
    if (pending.isEmpty()) {
      return;
    }
    int n = frames.landmarks();
    double[] mean = new double[2 * n];
    for (Found f : pending) {
      for (int j = 0; j < 2 * n; j++) {
        mean[j] += (f.found()[j] - f.obs()[j]) / pending.size();
      }
    }
    for (Found f : pending) {
      double[] y = f.found().clone();
      for (int j = 0; j < 2 * n; j++) {
        y[j] -= mean[j];
      }
      set(labels, f.index(), f.transform(), y, 0, f.fits());
    }
    pending.clear();
  }

  /** y^ of face {@code index} from heatmap pixels {@code found[from..]}, kept points restored. */
  private void set(Labels labels, int index, CropTransform transform, double[] found, int from, double[] fits) {
    int n = frames.landmarks();
    Landmarks y = frames.heatmapToImage(transform, found, from, n);
    if (kept != null) {
      y = keep(y, labels.observation(index));
      for (int k = 0; k < n; k++) {
        fits[k] = kept[k] ? Double.NaN : fits[k];
      }
    }
    labels.setSearched(index, y, fits);
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
