package dev.sa.app.run;

import dev.sa.api.SaException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks after every epoch that training still deserves trust (docs/training-stability.md).
 *
 * <ul>
 *   <li><b>Agreement</b>: for a network with BatchNorm, the evaluation path (running averages) and
 *       the training path (batch statistics) must score a few fixed training faces alike; when
 *       they part, evaluation no longer measures what training optimises and a warning gives both
 *       figures. Scored by the experiment as {@link #EVAL} and {@link #BATCH}.
 *   <li><b>Collapse</b>: a phase whose validation NME exceeds {@code collapseRatio} times its best
 *       epoch so far stops with one message; the epoch is not checkpointed, so the last good
 *       checkpoint stays current and the run can be resumed or rerun with other settings. Where the
 *       median of the validation faces is scored, it must have risen by the same ratio over the
 *       phase's lowest too: a mean that rises while the median stays level is a few faces failing
 *       grossly, not the network, and only warns (at 256 px such an epoch stopped a run that
 *       recovered to its best level two epochs later; docs/training-stability.md, section 9).
 * </ul>
 */
final class TrainingGuard {
  /** NME (%) of the check faces in evaluation mode. */
  static final String EVAL = "check_nme_eval";
  /** NME (%) of the same faces with the batch's own statistics, as in training. */
  static final String BATCH = "check_nme_batch";
  /** Median NME (%) of the validation faces: level while the mean rises means a few faces failed grossly. */
  static final String VAL_MEDIAN = "val_nme_median";
  /** Share (%) of the validation faces whose NME exceeds {@link #FAILURE}. */
  static final String VAL_FAILURES = "val_failures";
  /** A face fails above this NME (a fraction of the normaliser; fr@0.10 in metrics.csv). */
  static final double FAILURE = 0.10;
  /** Training faces the agreement check scores. */
  static final int CHECK_FACES = 16;
  /** Evaluation worse than training mode by this factor and by {@link #PART_POINTS} warns. */
  static final double PART_RATIO = 1.5;
  static final double PART_POINTS = 1.0;

  private final double collapseRatio;
  private double best = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private double bestMedian = Double.NaN;
  private double bestFailures = Double.NaN;
  /** The lowest validation median of the phase so far (the typical face at its best). */
  private double lowestMedian = Double.POSITIVE_INFINITY;

  /**
   * @param collapseRatio 0 (never stop) or a factor above 1
   * @throws SaException if the ratio is neither
   */
  TrainingGuard(double collapseRatio, String source) {
    if (collapseRatio != 0 && !(collapseRatio > 1)) {
      throw SaException.invalidInput(source + ": train.collapseRatio: " + collapseRatio
          + " is not valid; use 0 (never stop) or a factor above 1, e.g. 1.5");
    }
    this.collapseRatio = collapseRatio;
  }

  /** The validation NME rows of phase {@code phase} in a resumed history, so the best carries over. */
  void resume(Rows history, String phase) {
    Map<Integer, Map<String, Double>> epochs = new java.util.TreeMap<>();
    for (java.util.List<String> row : history.rows()) {
      String metric = row.get(3);
      if (row.get(1).equals(phase) && (metric.equals("val_nme") || metric.equals(VAL_MEDIAN)
          || metric.equals(VAL_FAILURES))) {
        epochs.computeIfAbsent(Integer.parseInt(row.get(2)), k -> new java.util.HashMap<>())
            .put(metric, Double.parseDouble(row.get(4)));
      }
    }
    epochs.forEach((epoch, scores) -> {
      if (scores.containsKey("val_nme")) {
        remember(epoch, scores);
      }
    });
  }

  /** An epoch's scores, kept when its validation NME is the phase's best so far. */
  private void remember(int epoch, Map<String, Double> scores) {
    double median = scores.getOrDefault(VAL_MEDIAN, Double.NaN);
    if (median < lowestMedian) {
      lowestMedian = median;
    }
    double valNme = scores.getOrDefault("val_nme", Double.NaN);
    if (Double.isFinite(valNme) && valNme < best) {
      best = valNme;
      bestEpoch = epoch;
      bestMedian = scores.getOrDefault(VAL_MEDIAN, Double.NaN);
      bestFailures = scores.getOrDefault(VAL_FAILURES, Double.NaN);
    }
  }

  /** The warning for an epoch's scores when evaluation and training mode part, if they do. */
  static Optional<String> disagreement(String what, Map<String, Double> scores) {
    Double eval = scores.get(EVAL);
    Double batch = scores.get(BATCH);
    if (eval == null || batch == null || !(eval > PART_RATIO * batch && eval - batch > PART_POINTS)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "warning: %s: evaluation and training disagree on %d training"
        + " faces: NME %.2f%% with BatchNorm's running averages, %.2f%% with the batch's own statistics;"
        + " validation figures of this epoch do not measure what training optimises (train.preciseBn re-estimates"
        + " the averages after every epoch; backbone.options.norm: group has none)", what, CHECK_FACES, eval, batch));
  }

  /**
   * Records epoch {@code epoch}'s validation NME and stops the phase if it collapsed.
   *
   * @throws SaException naming the epoch, the figures and the checkpoint kept
   */
  void check(String what, int epoch, double valNme, Path lastGood) {
    check(what, epoch, Map.of("val_nme", valNme), lastGood);
  }

  /**
   * Like {@link #check(String, int, double, Path)} on an epoch's scores; the message also gives the
   * median and the failed share of the validation faces when they are scored, and where the
   * phase's best epoch had them. A mean above the ratio with the median within it is not a
   * collapse: the returned warning says so with the figures.
   *
   * @return a warning for the user when the mean rose by the ratio but the median did not
   */
  Optional<String> check(String what, int epoch, Map<String, Double> scores, Path lastGood) {
    double valNme = scores.getOrDefault("val_nme", Double.NaN);
    boolean nan = Double.isNaN(valNme);
    boolean meanRose = collapseRatio > 0 && Double.isFinite(best) && valNme > collapseRatio * best;
    double median = scores.getOrDefault(VAL_MEDIAN, Double.NaN);
    boolean typicalLevel = meanRose && Double.isFinite(lowestMedian) && !Double.isNaN(median)
        && median <= collapseRatio * lowestMedian;
    if (nan || (meanRose && !typicalLevel)) {
      String kept = lastGood == null ? "no checkpoint of this phase is kept"
          : "the checkpoint after epoch " + epochOf(lastGood) + " stays current in " + lastGood.getParent();
      throw SaException.runtime(String.format(Locale.ROOT, "%s epoch %d: %s; %s. Lower the learning rate or"
          + " check the data; --set train.collapseRatio=0 turns this check off, also on resume"
          + " (sa run CONFIG --resume RUN --set ...)", what, epoch,
          nan ? "validation NME is NaN" : String.format(Locale.ROOT,
              "validation NME %.2f%% is %.1fx the phase's best %.2f%% (epoch %d)%s: training collapsed"
                  + " (train.collapseRatio %s)", valNme, valNme / best, best, bestEpoch, spread(scores),
                  collapseRatio),
          kept), null);
    }
    Optional<String> warning = typicalLevel ? Optional.of(String.format(Locale.ROOT, "warning: %s epoch %d:"
        + " validation NME %.2f%% is %.1fx the phase's best %.2f%% (epoch %d), but its median %.2f%% is %.2fx the"
        + " phase's lowest %.2f%%; faces over %.0f%% NME %.1f%% (%s at the best epoch): a few faces failed"
        + " grossly, not the network, so training goes on (train.collapseRatio %s)", what, epoch, valNme,
        valNme / best, best, bestEpoch, median, median / lowestMedian, lowestMedian, 100 * FAILURE,
        scores.getOrDefault(VAL_FAILURES, Double.NaN), Double.isNaN(bestFailures) ? "not scored"
            : String.format(Locale.ROOT, "%.1f%%", bestFailures), collapseRatio)) : Optional.empty();
    remember(epoch, scores);
    return warning;
  }

  /** ", median 5.30% (then 5.10%), faces over 10% NME 5.0% (then 0.0%)", or "" when not scored. */
  private String spread(Map<String, Double> scores) {
    Double median = scores.get(VAL_MEDIAN);
    Double failures = scores.get(VAL_FAILURES);
    if (median == null || failures == null) {
      return "";
    }
    return String.format(Locale.ROOT, ", median %.2f%% (then %s), faces over %.0f%% NME %.1f%% (then %s)", median,
        Double.isNaN(bestMedian) ? "not scored" : String.format(Locale.ROOT, "%.2f%%", bestMedian), 100 * FAILURE,
        failures, Double.isNaN(bestFailures) ? "not scored" : String.format(Locale.ROOT, "%.1f%%", bestFailures));
  }

  /**
   * The guard as a phase's listener: checks each scored epoch; the checkpoint kept is the phase's
   * latest; warnings go to {@code warn}.
   */
  TrainingListener listener(Checkpoints checkpoints, java.util.function.Consumer<String> warn) {
    return new TrainingListener() {
      @Override
      public void onEpoch(Epoch e) throws java.io.IOException {
        if (e.scores().containsKey("val_nme")) {
          check(e.what(), e.epoch(), e.scores(), checkpoints.latest()).ifPresent(warn);
        }
      }
    };
  }

  private static int epochOf(Path checkpoint) {
    return Integer.parseInt(checkpoint.getFileName().toString().replaceAll("\\D", ""));
  }
}
