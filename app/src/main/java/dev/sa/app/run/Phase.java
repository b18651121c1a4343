package dev.sa.app.run;

import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.CropTransform;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.eval.Inference;
import dev.sa.app.figures.LabelTrail;
import dev.sa.app.sa.Labels;
import dev.sa.app.sa.SemanticSearch;
import dev.sa.app.train.LandmarkNet;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One training phase: epochs of (optionally) the Semantic Alignment search followed by a training
 * epoch on the current labels. After every epoch a checkpoint (weights, optimiser state, labels,
 * history) is written into a fresh folder and then made current by an atomic pointer file, so a
 * run killed at any moment resumes from the last finished epoch.
 */
public final class Phase {
  /** What a phase trains on and how. */
  public record Spec(String variant, String name, int epochs, SaConfig.Schedule schedule, boolean search,
      boolean updateObservation, boolean chi2Loss, long seed) {}

  private final Setup setup;
  private final SaConfig config;
  private final Progress progress;
  private final Scorer scorer;
  private String fingerprint;

  public Phase(Setup setup, SaConfig config, Progress progress, Scorer scorer) {
    this.setup = setup;
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

  /**
   * Runs the phase in {@code dir}, resuming from its last checkpoint if there is one.
   *
   * @param labels the labels to train on (o and y^ start as these)
   * @param history receives {@code variant,phase,epoch,metric,value} rows
   */
  public void run(Spec spec, LandmarkNet net, Labels labels, Path dir, Rows history) throws IOException {
    Checkpoints ckpt = new Checkpoints(dir);
    int start = 0;
    Path latest = ckpt.latest();
    if (latest != null) {
      Checkpoints.checkFingerprint(latest, fingerprint);
      net.load(latest);
      labels.load(latest.resolve("labels.csv"));
      Rows saved = Rows.read(latest.resolve("history.csv"), "variant", "phase", "epoch", "metric", "value");
      history.addAll(saved);
      start = Integer.parseInt(Files.readString(latest.resolve("epoch")).trim());
      progress.info(spec.variant() + " / " + spec.name() + ": resuming after epoch " + start);
    }
    Rows mine = Rows.read(latest == null ? dir.resolve("none") : latest.resolve("history.csv"),
        "variant", "phase", "epoch", "metric", "value");
    TrainingGuard guard = new TrainingGuard(config.train().collapseRatio(), setup.loaded.source());
    guard.resume(mine, spec.name());
    String what = spec.variant() + " / " + spec.name();
    SemanticSearch search = spec.search() ? search() : null;
    LabelTrail trail = search == null ? null
        : LabelTrail.open(dir.resolve(LabelTrail.FILE), labels, LabelTrail.DEFAULT_FACES, start);
    for (int epoch = start; epoch < spec.epochs(); epoch++) {
      long t0 = System.nanoTime();
      double lr = lr(spec.schedule(), epoch);
      if (search != null) {
        long s0 = System.nanoTime();
        double searchOnly = searchAll(net, search, labels);
        trail.record(epoch + 1, labels);
        double seconds = (System.nanoTime() - s0) / 1e9;
        add(mine, history, spec, epoch, "search_only_seconds", searchOnly);
        LabelStats st = LabelStats.of(labels, setup.normalization, setup.scheme);
        add(mine, history, spec, epoch, "search_seconds", seconds);
        add(mine, history, spec, epoch, "label_move", st.move());
        add(mine, history, spec, epoch, "label_vs_human", st.vsHuman());
        if (st.hasTruth()) {
          add(mine, history, spec, epoch, "label_error_truth_weak", st.truthWeak());
          add(mine, history, spec, epoch, "label_error_truth_strong", st.truthStrong());
        }
        progress.info(String.format(Locale.ROOT,
            "%s / %s epoch %d: search pass %.1fs (search %.2fs), mean |y^-o| %.3f%%, |y^-human| %.3f%%%s", spec.variant(), spec.name(),
            epoch + 1, seconds, searchOnly, st.move(), st.vsHuman(), st.hasTruth()
                ? String.format(Locale.ROOT, ", |y^-truth| weak %.3f%% strong %.3f%%", st.truthWeak(), st.truthStrong())
                : ""));
      }
      double loss = trainEpoch(net, spec, labels, epoch, lr, what, ckpt);
      if (search != null && spec.updateObservation()) {
        labels.promote();
      }
      add(mine, history, spec, epoch, "train_loss", loss);
      add(mine, history, spec, epoch, "lr", lr);
      double epochSeconds = (System.nanoTime() - t0) / 1e9;
      add(mine, history, spec, epoch, "epoch_seconds", epochSeconds);
      String scores = "";
      Map<String, Double> scored = config.evaluate().perEpoch() ? scorer.perEpoch(net) : Map.of();
      for (var e : scored.entrySet()) {
        add(mine, history, spec, epoch, e.getKey(), e.getValue());
        scores += String.format(Locale.ROOT, ", %s %.3f", e.getKey(), e.getValue());
      }
      progress.info(String.format(Locale.ROOT, "%s epoch %d/%d: loss %.3e, lr %.2e, %.1fs%s", what,
          epoch + 1, spec.epochs(), loss, lr, epochSeconds, scores));
      TrainingGuard.disagreement(what + " epoch " + (epoch + 1), scored).ifPresent(progress::info);
      if (scored.containsKey("val_nme")) {
        guard.check(what, epoch + 1, scored.get("val_nme"), ckpt.latest());
      }
      Path next = ckpt.begin(epoch + 1);
      net.save(next);
      labels.save(next.resolve("labels.csv"));
      mine.write(next.resolve("history.csv"));
      if (fingerprint != null) {
        AtomicFiles.writeString(next.resolve(Checkpoints.FINGERPRINT), fingerprint + "\n");
      }
      AtomicFiles.writeString(next.resolve("epoch"), Integer.toString(epoch + 1));
      ckpt.commit(next);
    }
  }

  private static void add(Rows mine, Rows history, Spec spec, int epoch, String metric, double value) {
    mine.add(spec.variant(), spec.name(), epoch + 1, metric, value);
    history.add(spec.variant(), spec.name(), epoch + 1, metric, value);
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

  /** {@link #trainEpoch}; a run-time failure (a NaN loss) is told with the phase, epoch and checkpoint kept. */
  private double trainEpoch(LandmarkNet net, Spec spec, Labels labels, int epoch, double lr, String what,
      Checkpoints ckpt) throws IOException {
    try {
      return trainEpoch(net, spec, labels, epoch, lr);
    } catch (SaException e) {
      if (e.kind() != SaException.Kind.RUNTIME) {
        throw e;
      }
      throw SaException.runtime(what + " epoch " + (epoch + 1) + ": " + e.getMessage() + "; "
          + (ckpt.latest() == null ? "no checkpoint of this phase is kept" : "the checkpoint after epoch " + epoch
              + " stays current, so 'sa run --resume' continues from it"), e);
    }
  }

  private double trainEpoch(LandmarkNet net, Spec spec, Labels labels, int epoch, double lr) {
    List<BatchSource.Item> items = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      items.add(new BatchSource.Item(i, labels.sample(i), labels.searched(i)));
    }
    SaConfig.AugmentConfig a = config.augment();
    BatchSource.Augment augment = new BatchSource.Augment(a.rotationStd(), a.scaleStd(), a.shiftStd(), a.flip());
    int batch = config.train().batchSize();
    int steps = (items.size() + batch - 1) / batch;
    setup.source.setTargetWeights(spec.chi2Loss() ? chi2Weights() : null);
    double sum = 0;
    int count = 0;
    long seed = spec.seed() * 31 + epoch;
    try (Progress.Task task = progress.task(spec.variant() + " / " + spec.name() + " epoch " + (epoch + 1), steps)) {
      Iterator<BatchSource.Batch> it = setup.source.pass(items, batch, augment, true, seed);
      while (it.hasNext()) {
        BatchSource.Batch b = it.next();
        float loss = net.trainStep(b, lr);
        sum += loss;
        count++;
        task.step(String.format(Locale.ROOT, "loss %.3e", sum / count));
      }
    } finally {
      setup.source.setTargetWeights(null);
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  /** Weights of the Eq. 9 loss: 1/E inside the template window around y^, 0 elsewhere. */
  private BatchSource.TargetWeights chi2Weights() {
    SemanticSearch.Params p = search().params();
    int t = Math.max(1, p.template() / p.upsample()) | 1;
    double sigma = config.input().sigma();
    double floor = config.sa().templateFloor();
    int h = config.input().heatmapSize();
    return (x, y, out, off) -> {
      int cx = (int) Math.round(x);
      int cy = (int) Math.round(y);
      int r = t / 2;
      for (int yy = Math.max(0, cy - r); yy <= Math.min(h - 1, cy + r); yy++) {
        for (int xx = Math.max(0, cx - r); xx <= Math.min(h - 1, cx + r); xx++) {
          double e = Math.exp(-((xx - x) * (xx - x) + (yy - y) * (yy - y)) / (2 * sigma * sigma));
          out[off + yy * h + xx] = (float) (1.0 / Math.max(floor, e));
        }
      }
    };
  }

  /** The search with the config's sizes scaled to this heatmap. */
  public SemanticSearch search() {
    SaConfig.SaSearchConfig s = config.sa();
    return new SemanticSearch(SemanticSearch.Params.scaled(s.window(), s.template(), s.referenceSize(),
        config.input().heatmapSize(), s.upsample(), config.input().sigma(), s.lambda(), s.templateFloor(),
        s.subpixel()));
  }

  /**
   * Step 1 for every training face: predict heatmaps on the plain (un-augmented) crop, search y^
   * around o (mapped into heatmap pixels), map y^ back to image pixels.
   *
   * @return seconds spent in the search itself (chi-square and argmin, with the mapping of o and
   *     y^), without the forward passes
   */
  public double searchAll(LandmarkNet net, SemanticSearch search, Labels labels) {
    if (search.params().lambda() == 0) {
      // lambda = 0 is "human annotations only" (Table 5): keep o exactly, with no round trip.
      for (int i = 0; i < labels.size(); i++) {
        labels.setSearched(i, labels.observation(i));
      }
      return 0;
    }
    List<BatchSource.Item> items = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      items.add(new BatchSource.Item(i, labels.sample(i), null));
    }
    HeatmapCodec codec = setup.codec;
    int[] perm = setup.scheme.flipPermutation();
    int n = setup.scheme.count();
    int fieldSize = codec.heatmapSize() * search.params().upsample();
    boolean onEngine = "field".equals(config.sa().chi2());
    long[] searchNanos = {0};
    Inference.run(net, setup.source, items, config.evaluate().batchSize(), (batch, step, heatmaps) -> {
      float[] values = onEngine ? null : heatmaps.toFloatArray();
      long s0 = System.nanoTime();
      double[] obs = new double[batch.size() * n * 2];
      for (int i = 0; i < batch.size(); i++) {
        CropTransform t = batch.transforms().get(i);
        Landmarks o = t.toCrop(labels.observation(batch.items().get(i).index()), perm);
        for (int k = 0; k < n; k++) {
          obs[(i * n + k) * 2] = codec.cropToHeatmap(o.x(k));
          obs[(i * n + k) * 2 + 1] = codec.cropToHeatmap(o.y(k));
        }
      }
      double[] found = onEngine
          ? search.search(search.chiSquareField(step, heatmaps).toFloatArray(), fieldSize, obs)
          : search.searchWindows(values, codec.heatmapSize(), obs);
      for (int i = 0; i < batch.size(); i++) {
        float[] crop = new float[2 * n];
        for (int k = 0; k < n; k++) {
          crop[2 * k] = (float) codec.heatmapToCrop(found[(i * n + k) * 2]);
          crop[2 * k + 1] = (float) codec.heatmapToCrop(found[(i * n + k) * 2 + 1]);
        }
        int index = batch.items().get(i).index();
        labels.setSearched(index, batch.transforms().get(i).toImage(Landmarks.of(crop), perm));
      }
      searchNanos[0] += System.nanoTime() - s0;
    });
    return searchNanos[0] / 1e9;
  }

  /** Computes per-epoch scores (validation and test NME); implemented by the experiment. */
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
