package dev.sa.app.run;

import dev.sa.app.method.Labels;
import java.util.Locale;

/** Tells the user how a phase goes: a bar (or periodic lines) per epoch, a line per search and per epoch. */
final class ProgressListener implements TrainingListener {
  private final Progress progress;
  private Progress.Task task;

  ProgressListener(Progress progress) {
    this.progress = progress;
  }

  @Override
  public void onTrainingBegin(Phase.Spec spec, Labels labels, int start) {
    if (start > 0) {
      progress.info(spec.variant() + " / " + spec.name() + ": resuming after epoch " + start);
    }
  }

  @Override
  public void onSearch(Phase.Spec spec, int epoch, SearchReport r, Labels labels) {
    LabelStats st = r.stats();
    progress.info(String.format(Locale.ROOT,
        "%s / %s epoch %d: search pass %.1fs (search %.2fs), mean |y^-o| %.3f%%, |y^-human| %.3f%%%s",
        spec.variant(), spec.name(), epoch, r.seconds(), r.searchSeconds(), st.move(), st.vsHuman(),
        st.hasTruth() ? String.format(Locale.ROOT, ", |y^-truth| weak %.3f%% strong %.3f%%", st.truthWeak(),
            st.truthStrong()) : ""));
  }

  @Override
  public void onTrainingEpochBegin(Phase.Spec spec, int epoch, int steps) {
    task = progress.task(spec.variant() + " / " + spec.name() + " epoch " + epoch, steps);
  }

  @Override
  public void onTrainingBatch(double meanLoss) {
    task.step(String.format(Locale.ROOT, "loss %.3e", meanLoss));
  }

  @Override
  public void onTrainingEpochEnd() {
    if (task != null) {
      task.close();
      task = null;
    }
  }

  @Override
  public void onEpoch(Epoch e) {
    StringBuilder scores = new StringBuilder();
    for (var s : e.scores().entrySet()) {
      scores.append(String.format(Locale.ROOT, ", %s %.3f", s.getKey(), s.getValue()));
    }
    progress.info(String.format(Locale.ROOT, "%s epoch %d/%d: loss %.3e, lr %.2e, %.1fs%s", e.what(), e.epoch(),
        e.spec().epochs(), e.loss(), e.lr(), e.seconds(), scores));
    TrainingGuard.disagreement(e.what() + " epoch " + e.epoch(), e.scores()).ifPresent(progress::info);
  }
}
