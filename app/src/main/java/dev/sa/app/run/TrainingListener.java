package dev.sa.app.run;

import dev.sa.app.method.Labels;
import dev.sa.app.train.LandmarkNet;
import java.io.IOException;
import java.util.Map;

/**
 * A side effect of a training phase (history rows, progress, the guard, checkpoints, the label
 * trail), in the style of DJL's {@code TrainingListener}: {@link Phase} calls every listener at
 * the same points of each epoch, in the order they were given, and the listeners never change what
 * is trained. Epochs are counted from 1.
 */
public interface TrainingListener {
  /** Before the first epoch that runs; {@code start} epochs were done before (a resumed phase). */
  default void onTrainingBegin(Phase.Spec spec, Labels labels, int start) throws IOException {}

  /** After Step 1 (the search) of {@code epoch}. */
  default void onSearch(Phase.Spec spec, int epoch, SearchReport report, Labels labels) throws IOException {}

  /** Before Step 2 of {@code epoch}, which trains {@code steps} batches. */
  default void onTrainingEpochBegin(Phase.Spec spec, int epoch, int steps) {}

  /** After each training batch of Step 2, with the running mean loss of the epoch. */
  default void onTrainingBatch(double meanLoss) {}

  /** After Step 2 of an epoch, also when it failed. */
  default void onTrainingEpochEnd() {}

  /** After a whole epoch: trained, labels updated, scored. */
  default void onEpoch(Epoch epoch) throws IOException {}

  /**
   * One Step 1 pass.
   *
   * @param seconds the whole pass, forward passes included
   * @param searchSeconds the search itself
   * @param stats how the labels moved
   */
  record SearchReport(double seconds, double searchSeconds, LabelStats stats) {}

  /**
   * One finished epoch.
   *
   * @param epoch counted from 1
   * @param loss Step 2's mean training loss
   * @param seconds the whole epoch (search and training), before scoring
   * @param scores per-epoch scores (validation and test NME), possibly none
   */
  record Epoch(Phase.Spec spec, int epoch, double loss, double lr, double seconds, Map<String, Double> scores,
      LandmarkNet net, Labels labels) {
    /** "variant / phase", as progress lines name a phase. */
    public String what() {
      return spec.variant() + " / " + spec.name();
    }
  }
}
