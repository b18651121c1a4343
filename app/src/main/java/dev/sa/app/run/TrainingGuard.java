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
 *       checkpoint stays current and the run can be resumed or rerun with other settings.
 * </ul>
 */
final class TrainingGuard {
  /** NME (%) of the check faces in evaluation mode. */
  static final String EVAL = "check_nme_eval";
  /** NME (%) of the same faces with the batch's own statistics, as in training. */
  static final String BATCH = "check_nme_batch";
  /** Training faces the agreement check scores. */
  static final int CHECK_FACES = 16;
  /** Evaluation worse than training mode by this factor and by {@link #PART_POINTS} warns. */
  static final double PART_RATIO = 1.5;
  static final double PART_POINTS = 1.0;

  private final double collapseRatio;
  private double best = Double.POSITIVE_INFINITY;
  private int bestEpoch;

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
    for (java.util.List<String> row : history.rows()) {
      if (row.get(1).equals(phase) && row.get(3).equals("val_nme")) {
        remember(Integer.parseInt(row.get(2)), Double.parseDouble(row.get(4)));
      }
    }
  }

  /** A resumed phase's earlier validation NME, so the best carries over. */
  void remember(int epoch, double valNme) {
    if (Double.isFinite(valNme) && valNme < best) {
      best = valNme;
      bestEpoch = epoch;
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
    boolean nan = Double.isNaN(valNme);
    boolean collapsed = collapseRatio > 0 && Double.isFinite(best) && valNme > collapseRatio * best;
    if (nan || collapsed) {
      String kept = lastGood == null ? "no checkpoint of this phase is kept"
          : "the checkpoint after epoch " + epochOf(lastGood) + " stays current in " + lastGood.getParent();
      throw SaException.runtime(String.format(Locale.ROOT, "%s epoch %d: %s; %s. Lower the learning rate or"
          + " check the data; --set train.collapseRatio=0 turns this check off", what, epoch,
          nan ? "validation NME is NaN" : String.format(Locale.ROOT,
              "validation NME %.2f%% is %.1fx the phase's best %.2f%% (epoch %d): training collapsed"
                  + " (train.collapseRatio %s)", valNme, valNme / best, best, bestEpoch, collapseRatio),
          kept), null);
    }
    remember(epoch, valNme);
  }

  /** The guard as a phase's listener: checks each scored epoch; the checkpoint kept is the phase's latest. */
  TrainingListener listener(Checkpoints checkpoints) {
    return new TrainingListener() {
      @Override
      public void onEpoch(Epoch e) throws java.io.IOException {
        Double valNme = e.scores().get("val_nme");
        if (valNme != null) {
          check(e.what(), e.epoch(), valNme, checkpoints.latest());
        }
      }
    };
  }

  private static int epochOf(Path checkpoint) {
    return Integer.parseInt(checkpoint.getFileName().toString().replaceAll("\\D", ""));
  }
}
