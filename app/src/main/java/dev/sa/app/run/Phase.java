package dev.sa.app.run;

import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.BatchSource;
import dev.sa.app.method.Alternation;
import dev.sa.app.method.Labels;
import dev.sa.app.method.SearchStep;
import dev.sa.app.method.TargetWeights;
import dev.sa.app.train.LandmarkNet;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One training phase: epochs of the {@link Alternation} (optionally the Semantic Alignment search,
 * then a training epoch on the current labels, then o <- y^), resumed from the phase's last
 * checkpoint if there is one. Everything else an epoch causes (history rows, progress, the guard,
 * the label trail, the checkpoint) is a {@link TrainingListener}.
 */
public final class Phase {
  /** What a phase trains on and how. */
  public record Spec(String variant, String name, int epochs, SaConfig.Schedule schedule, Alternation alternation,
      long seed) {}

  private final RunContext ctx;
  private final SaConfig config;
  private final Progress progress;
  private final Scorer scorer;
  private String fingerprint;
  private CrossFit crossFit;

  /** @param config the variant's config (the context holds the group's first) */
  public Phase(RunContext ctx, SaConfig config, Progress progress, Scorer scorer) {
    this.ctx = ctx;
    this.config = config;
    this.progress = progress;
    this.scorer = scorer;
  }

  /**
   * The run's config fingerprint: written into every checkpoint ({@link Checkpoints#FINGERPRINT})
   * and required of the checkpoint the phase resumes from. Without one nothing is checked.
   */
  public Phase fingerprint(String sha256) {
    this.fingerprint = sha256;
    return this;
  }

  /** Step 1 searches each face in the heatmaps of its fold's network ({@code sa.crossFit}), not the trained one. */
  Phase searchIn(CrossFit folds) {
    this.crossFit = folds;
    return this;
  }

  /**
   * Runs the phase in {@code dir}, resuming from its last checkpoint if there is one.
   *
   * @param labels the labels to train on (o and y^ start as these)
   * @param history receives {@code variant,phase,epoch,metric,value} rows
   */
  public void run(Spec spec, LandmarkNet net, Labels labels, Path dir, Rows history) throws IOException {
    Checkpoints ckpt = new Checkpoints(dir);
    Rows mine = new Rows("variant", "phase", "epoch", "metric", "value");
    int start = resume(ckpt, net, labels, mine, history);
    Alternation alt = spec.alternation();
    SearchStep step1 = alt.searchStep(config, ctx.frames(), ctx.scheme());
    TrainingGuard guard = new TrainingGuard(config.train().collapseRatio(), ctx.configSource());
    guard.resume(mine, spec.name());
    List<TrainingListener> listeners = new ArrayList<>(List.of(new HistoryListener(mine, history),
        new ProgressListener(progress), guard.listener(ckpt, progress::info), new CheckpointListener(ckpt, mine, fingerprint)));
    if (step1 != null) {
      listeners.add(0, new LabelTrailListener(dir));
    }
    for (TrainingListener l : listeners) {
      l.onTrainingBegin(spec, labels, start);
    }
    for (int epoch = start; epoch < spec.epochs(); epoch++) {
      long t0 = System.nanoTime();
      double lr = lr(spec.schedule(), epoch);
      if (step1 != null) {
        TrainingListener.SearchReport report = search(net, step1, labels);
        for (TrainingListener l : listeners) {
          l.onSearch(spec, epoch + 1, report, labels);
        }
      }
      double loss = trainEpoch(net, spec, labels, epoch, lr, ckpt, listeners);
      alt.afterTraining(labels);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Double> scored = scorer.perEpoch(net);
      TrainingListener.Epoch done = new TrainingListener.Epoch(spec, epoch + 1, loss, lr, seconds, scored, net, labels);
      for (TrainingListener l : listeners) {
        l.onEpoch(done);
      }
    }
  }

  /** Loads the phase's last checkpoint, if any, into the network, the labels and the rows; returns its epoch. */
  private int resume(Checkpoints ckpt, LandmarkNet net, Labels labels, Rows mine, Rows history) throws IOException {
    Path latest = ckpt.resumable(progress::info);
    if (latest == null) {
      return 0;
    }
    Checkpoints.checkFingerprint(latest, fingerprint);
    net.load(latest);
    labels.load(latest.resolve("labels.csv"));
    Rows saved = Rows.read(latest.resolve("history.csv"), "variant", "phase", "epoch", "metric", "value");
    history.addAll(saved);
    mine.addAll(saved);
    return Integer.parseInt(Files.readString(latest.resolve("epoch")).trim());
  }

  private TrainingListener.SearchReport search(LandmarkNet net, SearchStep step1, Labels labels) {
    long s0 = System.nanoTime();
    double searchOnly = crossFit == null
        ? SearchPass.run(net, ctx.batches(), step1, labels, config.evaluate().batchSize())
        : SearchPass.run(crossFit.nets(), crossFit.fold(), ctx.batches(), step1, labels, config.evaluate().batchSize());
    double seconds = (System.nanoTime() - s0) / 1e9;
    return new TrainingListener.SearchReport(seconds, searchOnly,
        LabelStats.of(labels, ctx.normalization(), ctx.scheme()));
  }

  /** {@code lr} divided by every factor whose milestone has been reached. */
  public static double lr(SaConfig.Schedule s, int epoch) {
    double lr = s.lr();
    for (int i = 0; i < s.milestones().size(); i++) {
      if (epoch >= s.milestones().get(i)) {
        lr /= s.factors().get(i);
      }
    }
    return lr;
  }

  /** Step 2; a run-time failure (a NaN loss) is told with the phase, epoch and checkpoint kept. */
  private double trainEpoch(LandmarkNet net, Spec spec, Labels labels, int epoch, double lr, Checkpoints ckpt,
      List<TrainingListener> listeners) throws IOException {
    try {
      return trainEpoch(net, spec, labels, epoch, lr, listeners);
    } catch (SaException e) {
      if (e.kind() != SaException.Kind.RUNTIME) {
        throw e;
      }
      throw SaException.runtime(spec.variant() + " / " + spec.name() + " epoch " + (epoch + 1) + ": "
          + e.getMessage() + "; " + (ckpt.latest() == null ? "no checkpoint of this phase is kept"
              : "the checkpoint after epoch " + epoch + " stays current, so 'sa run --resume' continues from it"), e);
    } finally {
      for (TrainingListener l : listeners) {
        l.onTrainingEpochEnd();
      }
    }
  }

  private double trainEpoch(LandmarkNet net, Spec spec, Labels labels, int epoch, double lr,
      List<TrainingListener> listeners) {
    List<BatchSource.Item> items = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      items.add(new BatchSource.Item(i, labels.sample(i), labels.searched(i)));
    }
    SaConfig.AugmentConfig a = config.augment();
    BatchSource.Augment augment = new BatchSource.Augment(a.rotationStd(), a.scaleStd(), a.shiftStd(), a.flip());
    int batch = config.train().batchSize();
    int steps = (items.size() + batch - 1) / batch;
    TargetWeights weights = spec.alternation().lossWeights(config);
    for (TrainingListener l : listeners) {
      l.onTrainingEpochBegin(spec, epoch + 1, steps);
    }
    double sum = 0;
    int count = 0;
    long seed = spec.seed() * 31 + epoch;
    Iterator<BatchSource.Batch> it = ctx.batches().pass(items, batch, augment, true, seed, weights);
    while (it.hasNext()) {
      sum += net.trainStep(it.next(), lr);
      count++;
      for (TrainingListener l : listeners) {
        l.onTrainingBatch(sum / count);
      }
    }
    reestimateRunningStatistics(net, items, augment, seed, weights);
    return count == 0 ? Double.NaN : sum / count;
  }

  /**
   * Precise BatchNorm ({@code train.preciseBn}): the running averages at the epoch's final weights,
   * from the first batches of the faces in another seeded order, augmented as in training.
   */
  private void reestimateRunningStatistics(LandmarkNet net, List<BatchSource.Item> items,
      BatchSource.Augment augment, long seed, TargetWeights weights) {
    int batches = config.train().preciseBn();
    if (batches == 0 || !net.hasBatchStatistics()) {
      return;
    }
    int batch = config.train().batchSize();
    List<BatchSource.Item> order = new ArrayList<>(items);
    Collections.shuffle(order, new Random(~seed));
    List<BatchSource.Item> sample = order.subList(0, Math.min(order.size(), batches * batch));
    net.reestimateRunningStatistics(ctx.batches().pass(sample, batch, augment, false, ~seed, weights), batches);
  }

  /**
   * Computes per-epoch scores, implemented by the experiment: always the validation faces and the
   * agreement check (the collapse guard and the report's jump table read them), and the test
   * curves where {@code evaluate.perEpoch} asks for them.
   */
  public interface Scorer {
    Map<String, Double> perEpoch(LandmarkNet net);
  }

  /** The human annotations of {@code samples}, in order. */
  public static List<Landmarks> annotations(List<FaceSample> samples) {
    List<Landmarks> out = new ArrayList<>();
    for (FaceSample s : samples) {
      out.add(s.landmarksInImage());
    }
    return out;
  }
}
