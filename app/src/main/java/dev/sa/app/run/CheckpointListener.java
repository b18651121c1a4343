package dev.sa.app.run;

import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * After every epoch, writes a checkpoint (weights, optimiser state, labels, the phase's history,
 * the config fingerprint, the epoch) into a fresh folder and makes it current by an atomic pointer
 * file, so a run killed at any moment resumes from the last finished epoch.
 */
final class CheckpointListener implements TrainingListener {
  private final Checkpoints checkpoints;
  private final Rows mine;
  private final String fingerprint;

  /**
   * @param mine the phase's own history rows, saved with each checkpoint
   * @param fingerprint the run's config fingerprint, or null to write none
   */
  CheckpointListener(Checkpoints checkpoints, Rows mine, String fingerprint) {
    this.checkpoints = checkpoints;
    this.mine = mine;
    this.fingerprint = fingerprint;
  }

  @Override
  public void onEpoch(Epoch e) throws IOException {
    Path next = checkpoints.begin(e.epoch());
    e.net().save(next);
    e.labels().save(next.resolve("labels.csv"));
    mine.write(next.resolve("history.csv"));
    if (fingerprint != null) {
      AtomicFiles.writeString(next.resolve(Checkpoints.FINGERPRINT), fingerprint + "\n");
    }
    AtomicFiles.writeString(next.resolve("epoch"), Integer.toString(e.epoch()));
    checkpoints.commit(next);
  }
}
