package dev.sa.app.method;

import dev.sa.api.LandmarkScheme;
import dev.sa.app.config.Choices;
import dev.sa.app.config.SaConfig;

/**
 * What one training phase alternates (paper Section 4.4): with {@code search}, every epoch first
 * searches y^ around o (Step 1, {@link SearchStep}) and then trains on y^ (Step 2); with
 * {@code updateObservation}, o <- y^ after each epoch ("SA w/o update" keeps o at the annotation;
 * {@code updateRate} below 1 moves o only part of the way, {@code updateShare} below 1 moves only
 * the points whose y^ fits the template best, per landmark: a confidence-gated update);
 * with {@code chi2Loss}, Step 2 weights its loss by {@link ChiSquareWeights} (Eq. 9) instead of
 * plain MSE. The baseline does none of it and trains on its labels as they are.
 */
public record Alternation(boolean search, boolean updateObservation, double updateRate, double updateShare,
    boolean chi2Loss) {
  /** Plain training on fixed labels (the baseline phase, or a continuation without SA). */
  public static final Alternation NONE = new Alternation(false, false, 1.0, false);

  /** The paper's update of every point ({@code updateShare} 1). */
  public Alternation(boolean search, boolean updateObservation, double updateRate, boolean chi2Loss) {
    this(search, updateObservation, updateRate, 1.0, chi2Loss);
  }

  /** The continuation phase of a config: Semantic Alignment when {@code sa.enabled}. */
  public static Alternation of(SaConfig c) {
    boolean sa = c.sa().enabled();
    return new Alternation(sa, c.sa().updateObservation(), c.sa().updateRate(), c.sa().updateShare(),
        sa && c.sa().loss() == Choices.SaLoss.CHI2);
  }

  /** Step 1 of config {@code c} in {@code frames}, or null when this phase does not search. */
  public SearchStep searchStep(SaConfig c, Frames frames, LandmarkScheme scheme) {
    return search ? step1(c, frames, scheme) : null;
  }

  /**
   * Step 1 as config {@code c} sets it ({@code sa.*}), whether or not a phase searches (tools,
   * benchmarks). {@code scheme} says which points are weak; it may be null while {@code sa.points} is {@code all}.
   */
  public static SearchStep step1(SaConfig c, Frames frames, LandmarkScheme scheme) {
    boolean[] kept = null;
    if (c.sa().points() == Choices.SaPoints.WEAK) {
      if (scheme == null) {
        throw new IllegalArgumentException("sa.points: weak needs the data set's landmark scheme");
      }
      kept = new boolean[frames.landmarks()];
      for (int k = 0; k < kept.length; k++) {
        kept[k] = !scheme.isWeak(k);
      }
    }
    return new SearchStep(new SemanticSearch(SearchParams.of(c)), frames, c.sa().chi2() == Choices.Chi2.FIELD, kept,
        c.sa().moves() == Choices.SaMoves.CENTRED);
  }

  /** The per-pixel weights of Step 2's loss for config {@code c}, or null for plain MSE. */
  public TargetWeights lossWeights(SaConfig c) {
    return chi2Loss ? new ChiSquareWeights(SearchParams.of(c), c.input().heatmapSize()) : null;
  }

  /**
   * After Step 2 of an epoch, when this phase searches and updates the observation: o <- y^, or
   * with an update rate r below 1 the damped o <- o + r (y^ - o).
   */
  public void afterTraining(Labels labels) {
    if (search && updateObservation) {
      labels.promote(updateRate, updateShare);
    }
  }
}
