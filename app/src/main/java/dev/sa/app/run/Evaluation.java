package dev.sa.app.run;

import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import dev.sa.api.Refiner;
import dev.sa.app.data.BatchSource;
import dev.sa.app.method.Frames;
import dev.sa.app.eval.Inference;
import dev.sa.app.eval.Nme;
import dev.sa.app.train.LandmarkNet;
import dev.sa.reports.Curves;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Predicts test faces and turns predictions into the run's metric rows. */
public final class Evaluation {
  /** The columns of {@code metrics.csv}. */
  public static final String[] METRIC_COLUMNS = {"variant", "subset", "target", "metric", "value", "faces"};
  /** Metric row counting the faces left out of a mean NME because they have no valid NME. */
  public static final String WITHOUT_NME = "faces_without_nme";

  /** Predictions of one subset, in image pixels, with refiner time if any. */
  public record Predictions(List<FaceSample> samples, List<Landmarks> inImage, double refinerMsPerFace) {}

  private final RunContext ctx;

  public Evaluation(RunContext ctx) {
    this.ctx = ctx;
  }

  /** Runs the network (and the refiner, if given) over {@code samples}. */
  public Predictions predict(LandmarkNet net, List<FaceSample> samples, Refiner refiner, int batchSize) {
    return predict(net, samples, refiner, batchSize, false);
  }

  /**
   * {@link #predict} for several subsets at once, each face run once: subsets that share sample
   * objects (a data set's {@code full} and its parts, as 300W's) share the work. A face's
   * prediction does not depend on the faces beside it in a batch (evaluation normalises with
   * running statistics); the refiner's time per face is the mean over every face run.
   */
  public Map<String, Predictions> predictAll(LandmarkNet net, Map<String, List<FaceSample>> subsets, Refiner refiner,
      int batchSize) {
    Map<FaceSample, Integer> index = new IdentityHashMap<>();
    List<FaceSample> distinct = new ArrayList<>();
    for (List<FaceSample> subset : subsets.values()) {
      for (FaceSample s : subset) {
        if (index.putIfAbsent(s, distinct.size()) == null) {
          distinct.add(s);
        }
      }
    }
    Predictions all = predict(net, distinct, refiner, batchSize);
    Map<String, Predictions> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<FaceSample>> e : subsets.entrySet()) {
      List<Landmarks> points = new ArrayList<>();
      for (FaceSample s : e.getValue()) {
        points.add(all.inImage().get(index.get(s)));
      }
      out.put(e.getKey(), new Predictions(e.getValue(), List.copyOf(points), all.refinerMsPerFace()));
    }
    return out;
  }

  /**
   * Like {@link #predict} without a refiner, but BatchNorm normalises each batch by its own
   * statistics, as in training ({@link LandmarkNet#predictArrayWithBatchStatistics}).
   */
  public Predictions predictWithBatchStatistics(LandmarkNet net, List<FaceSample> samples, int batchSize) {
    return predict(net, samples, null, batchSize, true);
  }

  private Predictions predict(LandmarkNet net, List<FaceSample> samples, Refiner refiner, int batchSize,
      boolean batchStatistics) {
    List<BatchSource.Item> items = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      items.add(new BatchSource.Item(i, samples.get(i), null));
    }
    Landmarks[] out = new Landmarks[samples.size()];
    long[] refineNanos = new long[1];
    Inference.run(net, ctx.batches(), items, batchSize, BatchSource.Augment.NONE, 0, batchStatistics,
        (batch, step, output) -> {
          float[] values = output.toFloatArray();
          Landmarks[] decoded = Inference.decode(net.output(), ctx.codec(), ctx.frames(), batch, values, null);
          if (refiner != null) {
            long t0 = System.nanoTime();
            Inference.refine(refiner, ctx.frames(), batch, step, output, decoded);
            refineNanos[0] += System.nanoTime() - t0;
          }
          for (int i = 0; i < batch.size(); i++) {
            out[batch.items().get(i).index()] = decoded[i];
          }
        });
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        out[i] = missing(samples.get(i).landmarksInImage().count());
      }
    }
    double ms = refiner == null ? Double.NaN : refineNanos[0] / 1e6 / Math.max(1, samples.size());
    return new Predictions(samples, List.of(out), ms);
  }

  /**
   * The prediction of a face the pipeline skipped (its image could not be decoded, with
   * {@code dataset.skipBadSamples}): NaN points, so the face has no valid NME and counts as a
   * failure ({@link Mean}).
   */
  static Landmarks missing(int n) {
    float[] xy = new float[2 * n];
    java.util.Arrays.fill(xy, Float.NaN);
    return Landmarks.of(xy);
  }

  /** The mean training shape placed in each face's plain crop: the floor any detector must beat. */
  public Predictions meanShape(List<FaceSample> train, List<FaceSample> samples) {
    Frames frames = ctx.frames();
    int n = frames.landmarks();
    double[] mean = new double[2 * n];
    for (FaceSample s : train) {
      Landmarks c = frames.toCrop(frames.plain(s), s.landmarksInImage());
      for (int k = 0; k < n; k++) {
        mean[2 * k] += c.x(k) / train.size();
        mean[2 * k + 1] += c.y(k) / train.size();
      }
    }
    float[] m = new float[2 * n];
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) mean[i];
    }
    Landmarks inCrop = Landmarks.of(m);
    List<Landmarks> out = new ArrayList<>();
    for (FaceSample s : samples) {
      out.add(frames.cropToImage(frames.plain(s), inCrop));
    }
    return new Predictions(samples, out, Double.NaN);
  }

  /** Per-face NME (fraction) against the annotation or the truth; empty if no truth. */
  public Optional<double[]> faceErrors(Predictions p, String target, Normalization norm) {
    double[] e = new double[p.samples().size()];
    for (int i = 0; i < e.length; i++) {
      FaceSample s = p.samples().get(i);
      Optional<Landmarks> ref = reference(s, target);
      if (ref.isEmpty()) {
        return Optional.empty();
      }
      e[i] = Nme.face(p.inImage().get(i), ref.get(), s.visible(), norm, s.box());
    }
    return Optional.of(e);
  }

  private static Optional<Landmarks> reference(FaceSample s, String target) {
    return target.equals("truth") ? s.truthInImage() : Optional.of(s.landmarksInImage());
  }

  /**
   * A mean per-face NME and the faces it has. A face with no valid NME (NaN or infinite, e.g. a
   * prediction that left the image or a reference whose normalising distance is zero) cannot enter a
   * mean; it is counted as a failure by AUC and the failure rates ({@link Curves}) and, here, left
   * out visibly: {@link #faces} says how many faces the mean has, {@link #withoutNme} how many were
   * left out.
   *
   * @param percent the mean over the faces with an NME, in percent; NaN when none has one
   */
  public record Mean(double percent, int faces, int withoutNme) {}

  /** The mean of {@code errors} (fractions) over the faces that have an NME. */
  public static Mean mean(double[] errors) {
    double s = 0;
    int n = 0;
    for (double e : errors) {
      if (Double.isFinite(e)) {
        s += e;
        n++;
      }
    }
    return new Mean(n == 0 ? Double.NaN : 100 * s / n, n, errors.length - n);
  }

  /** Mean NME in percent (the headline figure), over the faces that have one ({@link #mean}). */
  public static double meanPercent(double[] errors) {
    return mean(errors).percent();
  }

  /**
   * Median NME in percent over every face; a face without a valid NME counts as the largest
   * error. Beside the mean it tells a rise of every face from a few faces failing grossly.
   */
  public static double medianPercent(double[] errors) {
    if (errors.length == 0) {
      return Double.NaN;
    }
    double[] sorted = errors.clone();
    for (int i = 0; i < sorted.length; i++) {
      if (!Double.isFinite(sorted[i])) {
        sorted[i] = Double.POSITIVE_INFINITY;
      }
    }
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return 100 * (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
  }

  /**
   * Adds every metric of one (variant, subset) to the run's tables: NME with each normaliser, AUC,
   * failure rates, per-face errors (CED) and per-landmark errors, for each target.
   */
  public void score(String variant, String subset, Predictions p, Outputs out) {
    LandmarkScheme scheme = ctx.scheme();
    for (String target : List.of("annotation", "truth")) {
      Optional<double[]> errors = faceErrors(p, target, ctx.normalization());
      if (errors.isEmpty()) {
        continue;
      }
      double[] e = errors.get();
      Mean mean = mean(e);
      out.metrics.add(variant, subset, target, "nme", mean.percent(), mean.faces());
      if (mean.withoutNme() > 0) {
        out.metrics.add(variant, subset, target, WITHOUT_NME, (double) mean.withoutNme(), e.length);
      }
      for (Normalization other : scheme.normalizations()) {
        if (!other.equals(ctx.normalization())) {
          faceErrors(p, target, other).map(Evaluation::mean).ifPresent(o ->
              out.metrics.add(variant, subset, target, "nme_" + other.name(), o.percent(), o.faces()));
        }
      }
      out.metrics.add(variant, subset, target, "auc@0.08", Curves.auc(e, 0.08), e.length);
      out.metrics.add(variant, subset, target, "fr@0.08", Curves.failureRate(e, 0.08), e.length);
      out.metrics.add(variant, subset, target, "fr@0.10", Curves.failureRate(e, 0.10), e.length);
      for (int i = 0; i < e.length; i++) {
        out.errors.add(variant, subset, target, p.samples().get(i).id(), e[i]);
      }
      double[] sum = new double[scheme.count()];
      int[] count = new int[scheme.count()];
      for (int i = 0; i < p.samples().size(); i++) {
        FaceSample s = p.samples().get(i);
        double[] pts = Nme.points(p.inImage().get(i), reference(s, target).get(), s.visible(), ctx.normalization(),
            s.box());
        for (int k = 0; k < pts.length; k++) {
          if (Double.isFinite(pts[k])) {
            sum[k] += pts[k];
            count[k]++;
          }
        }
      }
      for (int k = 0; k < sum.length; k++) {
        out.landmarks.add(variant, subset, target, k, scheme.isWeak(k), count[k] == 0 ? Double.NaN : 100 * sum[k] / count[k]);
      }
    }
    if (Double.isFinite(p.refinerMsPerFace())) {
      out.metrics.add(variant, subset, "annotation", "ms_per_face", p.refinerMsPerFace(), p.samples().size());
    }
  }

  /** The run's tidy tables. */
  public static final class Outputs {
    /** {@code faces}: how many faces the value is computed over (see {@link Mean}). */
    public final Rows metrics = new Rows(METRIC_COLUMNS);
    public final Rows errors = new Rows("variant", "subset", "target", "face", "nme");
    public final Rows landmarks = new Rows("variant", "subset", "target", "landmark", "weak", "nme");
    public final Rows history = new Rows("variant", "phase", "epoch", "metric", "value");

    public void addAll(Outputs o) {
      metrics.addAll(o.metrics);
      errors.addAll(o.errors);
      landmarks.addAll(o.landmarks);
      history.addAll(o.history);
    }
  }
}
