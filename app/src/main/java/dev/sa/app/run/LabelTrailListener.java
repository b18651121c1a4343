package dev.sa.app.run;

import dev.sa.app.figures.LabelTrail;
import dev.sa.app.method.Labels;
import java.io.IOException;
import java.nio.file.Path;

/** Records y^ of a few faces after every search into the phase's {@link LabelTrail#FILE} (paper Fig. 4). */
final class LabelTrailListener implements TrainingListener {
  private final Path dir;
  private LabelTrail trail;

  LabelTrailListener(Path phaseDir) {
    this.dir = phaseDir;
  }

  @Override
  public void onTrainingBegin(Phase.Spec spec, Labels labels, int start) throws IOException {
    trail = LabelTrail.open(dir.resolve(LabelTrail.FILE), labels, LabelTrail.DEFAULT_FACES, start);
  }

  @Override
  public void onSearch(Phase.Spec spec, int epoch, SearchReport report, Labels labels) throws IOException {
    trail.record(epoch, labels);
  }
}
