package dev.sa.app.run;

import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.Refiner;
import dev.sa.api.RefinerPlugin;
import dev.sa.api.RefinerSpec;
import dev.sa.app.config.Choices;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.SaConfig;
import dev.sa.app.figures.LabelTrail;
import dev.sa.app.host.PluginHost;
import dev.sa.app.method.Alternation;
import dev.sa.app.method.Labels;
import dev.sa.app.train.LandmarkNet;
import dev.sa.reports.Curves;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one group of an {@link ExperimentPlan} (design brief, "Data flow of one SA run"): per
 * variant the baseline phase on the human annotations (shared by every variant whose baseline
 * settings are identical), a continuation phase (Semantic Alignment, plain continuation, or the
 * oracle on true labels), an optional refiner, evaluation and figures; a finished variant's
 * results are read back instead.
 */
public final class Experiment {
  private final Setup setup;
  private final RunContext ctx;
  private final PluginHost host;
  private final Progress progress;
  private final Path runDir;
  private final Evaluation evaluation;
  private final String fingerprint;

  /**
   * @param fingerprint the run's config fingerprint, written into every checkpoint and checked
   *     against the checkpoint a phase resumes from
   */
  public Experiment(Setup setup, PluginHost host, Progress progress, Path runDir, String fingerprint) {
    this.fingerprint = fingerprint;
    this.setup = setup;
    this.ctx = setup.context();
    this.host = host;
    this.progress = progress;
    this.runDir = runDir;
    this.evaluation = new Evaluation(ctx);
  }

  /** Runs (or resumes) the units of one group of the plan and returns the merged tables. */
  public Evaluation.Outputs run(ExperimentPlan.Group group, String meanShapeName) throws IOException {
    return run(group, meanShapeName, null);
  }

  /**
   * Like {@link #run(ExperimentPlan.Group, String)}, or with {@code part} only that part of the
   * group (nothing when the part lies in another group), leaving the merge to a run without a part.
   * A finished part leaves {@code parts/<name>.done} in the run folder.
   */
  public Evaluation.Outputs run(ExperimentPlan.Group group, String meanShapeName, ExperimentPlan.Part part)
      throws IOException {
    if (part != null) {
      runPart(group, part);
      return new Evaluation.Outputs();
    }
    Evaluation.Outputs all = new Evaluation.Outputs();
    if (ctx.config().evaluate().meanShape()) {
      Evaluation.Outputs ms = new Evaluation.Outputs();
      for (Map.Entry<String, List<FaceSample>> e : ctx.tests().entrySet()) {
        evaluation.score(meanShapeName, e.getKey(), evaluation.meanShape(ctx.train(), e.getValue()), ms);
      }
      all.addAll(ms);
    }
    for (ExperimentPlan.Variant v : group.variants()) {
      Path done = runDir.resolve(v.dir()).resolve("result");
      if (Files.exists(done.resolve("done"))) {
        progress.info(v.name() + ": already finished, reusing its results");
        all.addAll(readResult(done));
        continue;
      }
      Path baseDir = runDir.resolve("baseline-" + v.baselineKey());
      all.addAll(runVariant(v, baseDir, runDir.resolve(group.continuationDir(v)), done));
    }
    addHeadroom(group.variants(), all);
    return all;
  }

  private void runPart(ExperimentPlan.Group group, ExperimentPlan.Part part) throws IOException {
    boolean any = false;
    for (ExperimentPlan.Variant v : group.variants()) {
      if (!part.covers(group, v)) {
        continue;
      }
      any = true;
      Path baseDir = runDir.resolve("baseline-" + v.baselineKey());
      if (part.baseline()) {
        try (LandmarkNet net = setup.newNet(v.config())) {
          baseline(v, net, baseDir);
        }
        break;
      }
      Path done = runDir.resolve(v.dir()).resolve("result");
      if (Files.exists(done.resolve("done"))) {
        progress.info(v.name() + ": already finished");
      } else {
        runVariant(v, baseDir, runDir.resolve(group.continuationDir(v)), done);
      }
    }
    if (any) {
      Path marks = runDir.resolve(PARTS);
      Files.createDirectories(marks);
      AtomicFiles.writeString(marks.resolve(part.name() + ".done"), "ok\n");
    }
  }

  /** Folder of the parts' completion marks ({@code <part>.done}). */
  public static final String PARTS = "parts";
  /** In {@link #PARTS}: the parts run side by side in processes of their own: part, threads, seconds, exit. */
  public static final String PART_RECORD = "jobs.csv";

  /** The baseline phase of {@code v} (trained, resumed, or loaded when finished); returns its history rows. */
  private Rows baseline(ExperimentPlan.Variant v, LandmarkNet net, Path baseDir) throws IOException {
    SaConfig c = v.config();
    Labels human = new Labels(ctx.train(), Phase.annotations(ctx.train()));
    Rows baseHistory = new Rows("variant", "phase", "epoch", "metric", "value");
    new Phase(ctx, c, progress, n -> perEpoch(n, c, true)).fingerprint(fingerprint).run(
        new Phase.Spec("baseline", "baseline", c.train().epochs(), c.train().schedule(), Alternation.NONE,
            c.seed()), net, human, baseDir, baseHistory);
    return baseHistory;
  }

  /**
   * The share of the oracle's headroom that each SA variant captured, on the truth:
   * {@code (NME(HGs) - NME(SA)) / (NME(HGs) - NME(oracle))} in percent, per test subset. Roles are
   * read from the variant names ({@code prefix: role} or just {@code role}); the baseline is
   * {@code HGs (long)} when present (same number of epochs as the SA rows), else {@code HGs}.
   */
  public static void addHeadroom(List<ExperimentPlan.Variant> variants, Evaluation.Outputs all) {
    Map<String, Map<String, String>> byPrefix = new LinkedHashMap<>();
    for (ExperimentPlan.Variant v : variants) {
      int cut = v.name().lastIndexOf(": ");
      String prefix = cut < 0 ? "" : v.name().substring(0, cut + 2);
      String role = cut < 0 ? v.name() : v.name().substring(cut + 2);
      byPrefix.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(role, v.name());
    }
    for (Map<String, String> roles : byPrefix.values()) {
      String base = roles.getOrDefault("HGs (long)", roles.get("HGs"));
      String oracle = roles.get("oracle");
      if (base == null || oracle == null) {
        continue;
      }
      for (Map.Entry<String, String> e : roles.entrySet()) {
        if (!e.getKey().startsWith("HGs+SA")) {
          continue;
        }
        for (String subset : List.of("common", "challenge", "full")) {
          double b = all.metrics.value(base, subset, "truth", "nme");
          double o = all.metrics.value(oracle, subset, "truth", "nme");
          double sa = all.metrics.value(e.getValue(), subset, "truth", "nme");
          if (Double.isFinite(b + o + sa) && Math.abs(b - o) > 1e-9) {
            all.metrics.add(e.getValue(), subset, "truth", "headroom_captured", 100 * (b - sa) / (b - o), "");
          }
        }
      }
    }
  }

  private Evaluation.Outputs runVariant(ExperimentPlan.Variant v, Path baseDir, Path phaseDir, Path resultDir)
      throws IOException {
    SaConfig c = v.config();
    Evaluation.Outputs out = new Evaluation.Outputs();
    try (LandmarkNet net = setup.newNet(c)) {
      progress.info(String.format(Locale.ROOT, "%s: %s backbone, %,d parameters, %d training faces, %d validation",
          v.name(), c.backbone().plugin(), net.parameterCount(), ctx.train().size(), ctx.val().size()));
      Phase.Scorer scorer = n -> perEpoch(n, c, false);
      addHistory(out, baseline(v, net, baseDir), v.name());
      Labels labels = new Labels(ctx.train(), startLabels(c));
      Path variantDir = resultDir.getParent();
      // Variants that differ only in the refiner or the evaluation share one continuation phase
      // (the plan's): the first runs it in its folder, the others load its finished checkpoint.
      if (c.sa().epochs() > 0) {
        net.resetOptimizer();
        Rows h = new Rows("variant", "phase", "epoch", "metric", "value");
        Phase phase = new Phase(ctx, c, progress, scorer).fingerprint(fingerprint);
        try (CrossFit folds = c.sa().enabled() && c.sa().crossFit() > 0 ? crossFit(v, phaseDir) : null) {
          phase.searchIn(folds).run(new Phase.Spec(v.name(), c.sa().enabled() ? "sa" : "continue", c.sa().epochs(),
              c.sa().schedule(), Alternation.of(c), c.seed() + 1), net, labels, phaseDir, h);
        }
        out.history.addAll(h.renameFirstColumn(v.name()));
      }
      Refiner refiner = refiner(c, net, labels, variantDir);
      try {
        Map<String, List<FaceSample>> subsets = new LinkedHashMap<>(ctx.tests());
        if (!ctx.val().isEmpty()) {
          subsets.put("val", ctx.val());
        }
        evaluation.predictAll(net, subsets, refiner, c.evaluate().batchSize())
            .forEach((subset, p) -> evaluation.score(v.name(), subset, p, out));
        VariantFigures.write(ctx, net, labels, LabelTrail.readIfExists(phaseDir.resolve(LabelTrail.FILE)).orElse(null),
            refiner, v.name(), runDir.resolve("figures"), progress::info);
      } finally {
        if (refiner != null) {
          refiner.close();
        }
      }
      LabelStats st = LabelStats.of(labels, ctx.normalization(), ctx.scheme());
      if (st.hasTruth()) {
        out.metrics.add(v.name(), "train", "truth", "label_error_human_weak", st.humanWeak(), ctx.train().size());
        out.metrics.add(v.name(), "train", "truth", "label_error_human_strong", st.humanStrong(), ctx.train().size());
        out.metrics.add(v.name(), "train", "truth", "label_error_searched_weak", st.truthWeak(), ctx.train().size());
        out.metrics.add(v.name(), "train", "truth", "label_error_searched_strong", st.truthStrong(), ctx.train().size());
        out.metrics.add(v.name(), "train", "truth", "label_bias_human_weak", st.humanBiasWeak(), ctx.train().size());
        out.metrics.add(v.name(), "train", "truth", "label_bias_searched_weak", st.searchedBiasWeak(), ctx.train().size());
      }
      labels.save(variantDir.resolve("labels.csv"));
    }
    writeResult(out, resultDir);
    return out;
  }

  /**
   * The fold networks of {@code sa.crossFit} (trained, resumed, or loaded when finished in
   * {@code phaseDir/fold-<k>}): each as the baseline phase, from a fresh network, on the human labels
   * of the faces outside its fold, for as many training steps as the baseline ({@link CrossFit#stretch}).
   */
  private CrossFit crossFit(ExperimentPlan.Variant v, Path phaseDir) throws IOException {
    SaConfig c = v.config();
    int k = c.sa().crossFit();
    int[] fold = CrossFit.folds(ctx.train().size(), k, c.seed());
    List<LandmarkNet> nets = new ArrayList<>();
    CrossFit out = new CrossFit(nets, fold);
    try {
      for (int f = 0; f < k; f++) {
        List<FaceSample> faces = new ArrayList<>();
        for (int i : CrossFit.outside(fold, f)) {
          faces.add(ctx.train().get(i));
        }
        LandmarkNet net = setup.newNet(c);
        nets.add(net);
        progress.info(String.format(Locale.ROOT, "%s: cross-fitting network %d of %d, on the %d faces outside its fold",
            v.name(), f + 1, k, faces.size()));
        new Phase(ctx, c, progress, n -> perEpoch(n, c, true)).fingerprint(fingerprint).run(
            new Phase.Spec(v.name(), "fold-" + (f + 1), CrossFit.stretch(c.train().epochs(), k),
                CrossFit.stretch(c.train().schedule(), k), Alternation.NONE,
                c.seed() * 31 + f + 1), net, new Labels(faces, Phase.annotations(faces)), phaseDir.resolve("fold-" + (f + 1)),
            new Rows("variant", "phase", "epoch", "metric", "value"));
      }
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }

  /** The labels a continuation starts from: human annotations, or the truth for the oracle. */
  private List<Landmarks> startLabels(SaConfig c) {
    List<Landmarks> out = new ArrayList<>();
    for (FaceSample s : ctx.train()) {
      if (c.sa().labels() == Choices.Labels.TRUTH) {
        out.add(s.truthInImage().orElseThrow(() -> dev.sa.api.SaException.invalidInput(
            "sa.labels: truth needs a data set with known true landmarks (synthetic); '" + s.id() + "' has none")));
      } else {
        out.add(s.landmarksInImage());
      }
    }
    return out;
  }

  private static void addHistory(Evaluation.Outputs out, Rows baseHistory, String variant) {
    // The shared baseline's curve is repeated under each variant so figures show whole runs.
    Rows r = new Rows("variant", "phase", "epoch", "metric", "value");
    r.addAll(baseHistory);
    out.history.addAll(r.renameFirstColumn(variant));
  }

  /** The scores after an epoch; {@code baselinePhase}: the baseline or a fold network (evaluate.perEpoch). */
  private Map<String, Double> perEpoch(LandmarkNet net, SaConfig c, boolean baselinePhase) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (!ctx.val().isEmpty()) {
      Evaluation.Predictions p = evaluation.predict(net, ctx.val(), null, c.evaluate().batchSize());
      double[] errors = evaluation.faceErrors(p, "annotation", ctx.normalization()).get();
      m.put("val_nme", Evaluation.meanPercent(errors));
      // A rise of the mean with the median level is a few faces failing grossly, not every face.
      m.put(TrainingGuard.VAL_MEDIAN, Evaluation.medianPercent(errors));
      m.put(TrainingGuard.VAL_FAILURES, Curves.failureRate(errors, TrainingGuard.FAILURE));
      evaluation.faceErrors(p, "truth", ctx.normalization()).ifPresent(e -> m.put("val_nme_truth",
          Evaluation.meanPercent(e)));
    }
    if (net.hasBatchStatistics() && !ctx.train().isEmpty()) {
      // The guard's agreement check (TrainingGuard): a few training faces through both paths.
      List<FaceSample> check = ctx.train().subList(0, Math.min(TrainingGuard.CHECK_FACES, ctx.train().size()));
      int bs = c.train().batchSize();
      m.put(TrainingGuard.EVAL, Evaluation.meanPercent(evaluation.faceErrors(
          evaluation.predict(net, check, null, bs), "annotation", ctx.normalization()).get()));
      m.put(TrainingGuard.BATCH, Evaluation.meanPercent(evaluation.faceErrors(
          evaluation.predictWithBatchStatistics(net, check, bs), "annotation", ctx.normalization()).get()));
    }
    // The test curves (Figs. 6-7) only where asked for; validation is always scored for the guard.
    String subset = !c.evaluate().perEpoch().scores(baselinePhase) ? null
        : ctx.tests().containsKey("full") ? "full" : ctx.tests().keySet().stream().findFirst().orElse(null);
    if (subset != null) {
      Evaluation.Predictions p = evaluation.predict(net, ctx.tests().get(subset), null, c.evaluate().batchSize());
      m.put("test_nme_" + subset, Evaluation.meanPercent(evaluation.faceErrors(p, "annotation", ctx.normalization())
          .get()));
      evaluation.faceErrors(p, "truth", ctx.normalization()).ifPresent(e -> m.put("test_nme_truth_" + subset,
          Evaluation.meanPercent(e)));
    }
    return m;
  }

  private Refiner refiner(SaConfig c, LandmarkNet net, Labels labels, Path variantDir) throws IOException {
    if ("none".equals(c.refiner().plugin())) {
      return null;
    }
    RefinerPlugin plugin = host.refiner(c.refiner().plugin(), ctx.configSource() + ": refiner.plugin");
    Record options = PluginOptions.bind(c.refiner().options(), plugin.optionsType(), "refiner.options",
        ctx.configSource());
    Refiner r = plugin.create(new RefinerSpec(ctx.scheme(), c.input().heatmapSize(), c.seed(), ctx.device(), options));
    Path dir = variantDir.resolve("refiner");
    if (Files.exists(dir.resolve("fitted"))) {
      r.load(dir);
      return r;
    }
    int passes = c.refiner().augmentedPasses();
    progress.info("fitting refiner '" + c.refiner().plugin() + "' on " + labels.size() + " training faces"
        + (passes > 0 ? " plus " + passes + " augmented pass(es) over them" : ""));
    r.fit(new TrainingHeatmaps(ctx, net, labels, passes, c), progress::info);
    Files.createDirectories(dir);
    r.save(dir);
    AtomicFiles.writeString(dir.resolve("fitted"), "ok\n");
    return r;
  }

  private static void writeResult(Evaluation.Outputs out, Path dir) throws IOException {
    Files.createDirectories(dir);
    out.metrics.write(dir.resolve("metrics.csv"));
    out.errors.write(dir.resolve("errors.csv"));
    out.landmarks.write(dir.resolve("landmark-errors.csv"));
    out.history.write(dir.resolve("history.csv"));
    AtomicFiles.writeString(dir.resolve("done"), "ok\n");
  }

  private static Evaluation.Outputs readResult(Path dir) throws IOException {
    Evaluation.Outputs o = new Evaluation.Outputs();
    o.metrics.addAll(Rows.read(dir.resolve("metrics.csv"), Evaluation.METRIC_COLUMNS));
    o.errors.addAll(Rows.read(dir.resolve("errors.csv"), "variant", "subset", "target", "face", "nme"));
    o.landmarks.addAll(Rows.read(dir.resolve("landmark-errors.csv"), "variant", "subset", "target", "landmark", "weak",
        "nme"));
    o.history.addAll(Rows.read(dir.resolve("history.csv"), "variant", "phase", "epoch", "metric", "value"));
    return o;
  }
}
