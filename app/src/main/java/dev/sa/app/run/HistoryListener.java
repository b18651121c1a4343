package dev.sa.app.run;

import dev.sa.app.method.Labels;

/**
 * Writes every per-epoch figure as a {@code variant,phase,epoch,metric,value} row, both into the
 * phase's own rows (saved with each checkpoint) and into the run's history.
 */
final class HistoryListener implements TrainingListener {
  private final Rows mine;
  private final Rows history;

  /**
   * @param mine the phase's rows so far (a resumed phase's are read from its checkpoint)
   * @param history the run's rows
   */
  HistoryListener(Rows mine, Rows history) {
    this.mine = mine;
    this.history = history;
  }

  @Override
  public void onSearch(Phase.Spec spec, int epoch, SearchReport r, Labels labels) {
    add(spec, epoch, "search_only_seconds", r.searchSeconds());
    add(spec, epoch, "search_seconds", r.seconds());
    add(spec, epoch, "label_move", r.stats().move());
    add(spec, epoch, "label_vs_human", r.stats().vsHuman());
    if (r.stats().hasTruth()) {
      add(spec, epoch, "label_error_truth_weak", r.stats().truthWeak());
      add(spec, epoch, "label_error_truth_strong", r.stats().truthStrong());
    }
  }

  @Override
  public void onEpoch(Epoch e) {
    add(e.spec(), e.epoch(), "train_loss", e.loss());
    add(e.spec(), e.epoch(), "lr", e.lr());
    add(e.spec(), e.epoch(), "epoch_seconds", e.seconds());
    for (var s : e.scores().entrySet()) {
      add(e.spec(), e.epoch(), s.getKey(), s.getValue());
    }
  }

  private void add(Phase.Spec spec, int epoch, String metric, double value) {
    mine.add(spec.variant(), spec.name(), epoch, metric, value);
    history.add(spec.variant(), spec.name(), epoch, metric, value);
  }
}
