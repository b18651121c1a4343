package dev.sa.app.run;

import dev.sa.api.EngineArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.Refiner;
import dev.sa.api.RefinerData;
import dev.sa.api.RefinerPlugin;
import dev.sa.api.RefinerSpec;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.CropTransform;
import dev.sa.app.eval.Inference;
import dev.sa.app.figures.LabelTrail;
import dev.sa.app.figures.RunFigures;
import dev.sa.app.host.PluginHost;
import dev.sa.app.sa.Labels;
import dev.sa.app.train.LandmarkNet;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole pipeline of {@code sa run} (design brief, "Data flow of one SA run"): a baseline phase
 * on the human annotations, shared by every variant whose baseline settings are identical; then per
 * variant a continuation phase (Semantic Alignment, plain continuation, or the oracle on true
 * labels), an optional refiner, and evaluation; then the tidy metric tables and the report.
 */
public final class Experiment {
  /** One row of the comparison. */
  public record Variant(String name, SaConfig config, ObjectNode tree, String baselineKey, String slug) {}

  private final Setup setup;
  private final PluginHost host;
  private final Progress progress;
  private final Path runDir;
  private final Evaluation evaluation;
  private final Map<String, Path> continuations = new LinkedHashMap<>();
  private final String fingerprint;

  /**
   * @param fingerprint the run's config fingerprint, written into every checkpoint and checked
   *     against the checkpoint a phase resumes from
   */
  public Experiment(Setup setup, PluginHost host, Progress progress, Path runDir, String fingerprint) {
    this.fingerprint = fingerprint;
    this.setup = setup;
    this.host = host;
    this.progress = progress;
    this.runDir = runDir;
    this.evaluation = new Evaluation(setup);
  }

  /** The variants of a config: its variants and sweeps, or the config itself as one row. */
  public static List<Variant> variants(ConfigLoader.Loaded loaded) {
    List<Variant> out = new ArrayList<>();
    SaConfig base = loaded.config();
    List<ConfigLoader.NamedSet> sets = ConfigLoader.variantSets(loaded.tree());
    if (sets.isEmpty()) {
      out.add(new Variant(defaultName(base), base, loaded.tree(), baselineKey(loaded.tree()), slug(defaultName(base))));
      return out;
    }
    java.util.Set<String> slugs = new java.util.HashSet<>();
    for (ConfigLoader.NamedSet v : sets) {
      ObjectNode tree = ConfigLoader.variantTree(loaded.tree(), v.set());
      SaConfig c = ConfigLoader.withOverrides(loaded.tree(), v.set());
      String slug = slug(v.name());
      if (!slugs.add(slug)) {
        throw dev.sa.api.SaException.invalidInput(loaded.source() + ": " + v.path() + ".name: '" + v.name()
            + "' repeats another variant's name");
      }
      out.add(new Variant(v.name(), c, tree, baselineKey(tree), slug));
    }
    return out;
  }

  /** The paper's row name for a single config: HGs, HGs+SA, HGs+SA w/o update, +GHCU, oracle. */
  static String defaultName(SaConfig c) {
    String base = c.backbone().plugin().equals("hourglass") ? "HGs" : "Reg";
    if ("truth".equals(c.sa().labels()) && !c.sa().enabled()) {
      return "oracle";
    }
    String name = base;
    if (c.sa().enabled() && c.sa().epochs() > 0) {
      name += c.sa().updateObservation() ? "+SA" : "+SA w/o update";
    }
    if (!"none".equals(c.refiner().plugin())) {
      name += "+" + c.refiner().plugin().toUpperCase(Locale.ROOT);
    }
    return name;
  }

  /**
   * Hash of everything that shapes the baseline phase. Not {@code graph}: how MXNet runs the
   * network changes float rounding only, and a run folder resumed or evaluated in another mode (or
   * made before the key existed) must find its checkpoints. Not {@code predict} either: it only
   * concerns {@code sa predict}, and runs made before it existed must keep their keys.
   */
  public static String baselineKey(ObjectNode tree) {
    return digest(tree, "name", "graph", "sa", "refiner", "evaluate", "predict", "variants", "sweeps");
  }

  private static String digest(ObjectNode tree, String... without) {
    ObjectNode t = tree.deepCopy();
    for (String k : without) {
      t.remove(k);
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(t.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hash of everything that shapes a variant's continuation phase (not its refiner or evaluation). */
  public static String continuationKey(ObjectNode tree) {
    return digest(tree, "name", "graph", "refiner", "evaluate", "predict", "variants", "sweeps");
  }

  static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9=.]+", "-").replaceAll("(^-|-$)", "");
    return s.isEmpty() ? "variant" : s;
  }

  /** Runs (or resumes) everything and returns the merged tables. */
  public Evaluation.Outputs run(List<Variant> variants, String meanShapeName) throws IOException {
    Evaluation.Outputs all = new Evaluation.Outputs();
    if (setup.config.evaluate().meanShape()) {
      Evaluation.Outputs ms = new Evaluation.Outputs();
      for (Map.Entry<String, List<FaceSample>> e : setup.tests.entrySet()) {
        evaluation.score(meanShapeName, e.getKey(), evaluation.meanShape(setup.train, e.getValue()), ms);
      }
      all.addAll(ms);
    }
    Map<String, Path> baselines = new LinkedHashMap<>();
    for (Variant v : variants) {
      Path done = runDir.resolve("variants").resolve(v.slug()).resolve("result");
      if (Files.exists(done.resolve("done"))) {
        continuations.putIfAbsent(continuationKey(v.tree()), done.getParent());
        progress.info(v.name() + ": already finished, reusing its results");
        all.addAll(readResult(done));
        continue;
      }
      Path baseDir = baselines.computeIfAbsent(v.baselineKey(), k -> runDir.resolve("baseline-" + k));
      all.addAll(runVariant(v, baseDir, done));
    }
    addHeadroom(variants, all);
    return all;
  }

  /**
   * The share of the oracle's headroom that each SA variant captured, on the truth:
   * {@code (NME(HGs) - NME(SA)) / (NME(HGs) - NME(oracle))} in percent, per test subset. Roles are
   * read from the variant names ({@code prefix: role} or just {@code role}); the baseline is
   * {@code HGs (long)} when present (same number of epochs as the SA rows), else {@code HGs}.
   */
  public static void addHeadroom(List<Variant> variants, Evaluation.Outputs all) {
    Map<String, Map<String, String>> byPrefix = new LinkedHashMap<>();
    for (Variant v : variants) {
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
            all.metrics.add(e.getValue(), subset, "truth", "headroom_captured", 100 * (b - sa) / (b - o));
          }
        }
      }
    }
  }

  private Evaluation.Outputs runVariant(Variant v, Path baseDir, Path resultDir) throws IOException {
    SaConfig c = v.config();
    Evaluation.Outputs out = new Evaluation.Outputs();
    try (LandmarkNet net = setup.newNet(c)) {
      progress.info(String.format(Locale.ROOT, "%s: %s backbone, %,d parameters, %d training faces, %d validation",
          v.name(), c.backbone().plugin(), net.parameterCount(), setup.train.size(), setup.val.size()));
      Labels human = new Labels(setup.train, Phase.annotations(setup.train));
      Phase.Scorer scorer = n -> perEpoch(n, c);
      Rows baseHistory = new Rows("variant", "phase", "epoch", "metric", "value");
      new Phase(setup, c, progress, scorer).fingerprint(fingerprint).run(
          new Phase.Spec("baseline", "baseline", c.train().epochs(), c.train().schedule(), false, false, false,
              c.seed()), net, human, baseDir, baseHistory);
      addHistory(out, baseHistory, v.name());
      Labels labels = new Labels(setup.train, startLabels(c));
      Path variantDir = resultDir.getParent();
      // Variants that differ only in the refiner or the evaluation share one continuation phase:
      // the first runs it in its folder, the others load its finished checkpoint from there.
      Path phaseDir = continuations.computeIfAbsent(continuationKey(v.tree()), k -> variantDir);
      if (c.sa().epochs() > 0) {
        net.resetOptimizer();
        boolean sa = c.sa().enabled();
        Rows h = new Rows("variant", "phase", "epoch", "metric", "value");
        new Phase(setup, c, progress, scorer).fingerprint(fingerprint).run(new Phase.Spec(v.name(), sa ? "sa" : "continue", c.sa().epochs(),
            c.sa().schedule(), sa, c.sa().updateObservation(), sa && "chi2".equals(c.sa().loss()), c.seed() + 1),
            net, labels, phaseDir, h);
        out.history.addAll(h.renameFirstColumn(v.name()));
      }
      Refiner refiner = refiner(c, net, labels, variantDir);
      try {
        for (Map.Entry<String, List<FaceSample>> e : setup.tests.entrySet()) {
          evaluation.score(v.name(), e.getKey(), evaluation.predict(net, e.getValue(), refiner,
              c.evaluate().batchSize()), out);
        }
        if (!setup.val.isEmpty()) {
          evaluation.score(v.name(), "val", evaluation.predict(net, setup.val, refiner, c.evaluate().batchSize()), out);
        }
        RunFigures.write(setup, net, labels, LabelTrail.readIfExists(phaseDir.resolve(LabelTrail.FILE)).orElse(null),
            refiner, v.name(), runDir.resolve("figures"), progress::info);
      } finally {
        if (refiner != null) {
          refiner.close();
        }
      }
      LabelStats st = LabelStats.of(labels, setup.normalization, setup.scheme);
      if (st.hasTruth()) {
        out.metrics.add(v.name(), "train", "truth", "label_error_human_weak", st.humanWeak());
        out.metrics.add(v.name(), "train", "truth", "label_error_human_strong", st.humanStrong());
        out.metrics.add(v.name(), "train", "truth", "label_error_searched_weak", st.truthWeak());
        out.metrics.add(v.name(), "train", "truth", "label_error_searched_strong", st.truthStrong());
      }
      labels.save(variantDir.resolve("labels.csv"));
    }
    writeResult(out, resultDir);
    return out;
  }

  /** The labels a continuation starts from: human annotations, or the truth for the oracle. */
  private List<Landmarks> startLabels(SaConfig c) {
    List<Landmarks> out = new ArrayList<>();
    for (FaceSample s : setup.train) {
      if ("truth".equals(c.sa().labels())) {
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

  private Map<String, Double> perEpoch(LandmarkNet net, SaConfig c) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (!setup.val.isEmpty()) {
      Evaluation.Predictions p = evaluation.predict(net, setup.val, null, c.evaluate().batchSize());
      m.put("val_nme", Evaluation.meanPercent(evaluation.faceErrors(p, "annotation", setup.normalization).get()));
      evaluation.faceErrors(p, "truth", setup.normalization).ifPresent(e -> m.put("val_nme_truth",
          Evaluation.meanPercent(e)));
    }
    if (net.hasBatchStatistics() && !setup.train.isEmpty()) {
      // The guard's agreement check (TrainingGuard): a few training faces through both paths.
      List<FaceSample> check = setup.train.subList(0, Math.min(TrainingGuard.CHECK_FACES, setup.train.size()));
      int bs = c.train().batchSize();
      m.put(TrainingGuard.EVAL, Evaluation.meanPercent(evaluation.faceErrors(
          evaluation.predict(net, check, null, bs), "annotation", setup.normalization).get()));
      m.put(TrainingGuard.BATCH, Evaluation.meanPercent(evaluation.faceErrors(
          evaluation.predictWithBatchStatistics(net, check, bs), "annotation", setup.normalization).get()));
    }
    String subset = setup.tests.containsKey("full") ? "full" : setup.tests.keySet().stream().findFirst().orElse(null);
    if (subset != null) {
      Evaluation.Predictions p = evaluation.predict(net, setup.tests.get(subset), null, c.evaluate().batchSize());
      m.put("test_nme_" + subset, Evaluation.meanPercent(evaluation.faceErrors(p, "annotation", setup.normalization)
          .get()));
      evaluation.faceErrors(p, "truth", setup.normalization).ifPresent(e -> m.put("test_nme_truth_" + subset,
          Evaluation.meanPercent(e)));
    }
    return m;
  }

  private Refiner refiner(SaConfig c, LandmarkNet net, Labels labels, Path variantDir) throws IOException {
    if ("none".equals(c.refiner().plugin())) {
      return null;
    }
    RefinerPlugin plugin = host.refiner(c.refiner().plugin(), setup.loaded.source() + ": refiner.plugin");
    Record options = PluginOptions.bind(c.refiner().options(), plugin.optionsType(), "refiner.options",
        setup.loaded.source());
    Refiner r = plugin.create(new RefinerSpec(setup.scheme, c.input().heatmapSize(), c.seed(), setup.device, options));
    Path dir = variantDir.resolve("refiner");
    if (Files.exists(dir.resolve("fitted"))) {
      r.load(dir);
      return r;
    }
    int passes = c.refiner().augmentedPasses();
    progress.info("fitting refiner '" + c.refiner().plugin() + "' on " + labels.size() + " training faces"
        + (passes > 0 ? " plus " + passes + " augmented pass(es) over them" : ""));
    r.fit(new TrainingHeatmaps(net, labels, passes, c), progress::info);
    Files.createDirectories(dir);
    r.save(dir);
    AtomicFiles.writeString(dir.resolve("fitted"), "ok\n");
    return r;
  }

  /**
   * Refiner training data: heatmaps of the plain training crops, then {@code passes} passes over
   * the same faces with the training augmentation (sample {@code i} is face {@code i % L} of pass
   * {@code i / L}, pass 0 plain; each pass seeded). They are computed once, in batches, and kept in
   * memory when they fit in {@link #CACHE_LIMIT} bytes (refiners read faces in random order every
   * epoch); otherwise each request runs the network on the faces asked for.
   */
  private final class TrainingHeatmaps implements RefinerData {
    private static final long CACHE_LIMIT = 1L << 31;
    private final LandmarkNet net;
    private final Labels labels;
    private final int passes;
    private final BatchSource.Augment augment;
    private final long seed;
    private final int n;
    private final int hh;
    private float[] maps;
    private float[] pred;
    private float[] target;

    TrainingHeatmaps(LandmarkNet net, Labels labels, int passes, SaConfig c) {
      this.net = net;
      this.labels = labels;
      this.passes = passes;
      SaConfig.AugmentConfig a = c.augment();
      this.augment = new BatchSource.Augment(a.rotationStd(), a.scaleStd(), a.shiftStd(), a.flip());
      this.seed = c.seed() + 7919;
      this.n = setup.scheme.count();
      this.hh = setup.codec.heatmapSize() * setup.codec.heatmapSize();
      if ((long) size() * n * hh * 4 <= CACHE_LIMIT) {
        maps = new float[size() * n * hh];
        pred = new float[size() * n * 2];
        target = new float[size() * n * 2];
        compute(0, size(), maps, pred, target, 0);
      }
    }

    @Override
    public int size() {
      return labels.size() * (1 + passes);
    }

    @Override
    public int landmarks() {
      return n;
    }

    @Override
    public int heatmapSize() {
      return setup.codec.heatmapSize();
    }

    @Override
    public Batch batch(NDManager manager, int from, int to) {
      int b = to - from;
      float[] m;
      float[] p;
      float[] t;
      if (maps != null) {
        m = java.util.Arrays.copyOfRange(maps, from * n * hh, to * n * hh);
        p = java.util.Arrays.copyOfRange(pred, from * n * 2, to * n * 2);
        t = java.util.Arrays.copyOfRange(target, from * n * 2, to * n * 2);
      } else {
        m = new float[b * n * hh];
        p = new float[b * n * 2];
        t = new float[b * n * 2];
        compute(from, to, m, p, t, from);
      }
      int h = heatmapSize();
      return new Batch(EngineArrays.create(manager, m, new Shape(b, n, h, h)), EngineArrays.create(manager, p, new Shape(b, n, 2)),
          EngineArrays.create(manager, t, new Shape(b, n, 2)));
    }

    /** Fills samples [from, to) into arrays whose sample 0 is {@code base}, one pass at a time. */
    private void compute(int from, int to, float[] m, float[] p, float[] t, int base) {
      int faces = labels.size();
      for (int pass = from / faces; pass <= (to - 1) / faces; pass++) {
        int first = Math.max(from, pass * faces);
        int last = Math.min(to, (pass + 1) * faces);
        computePass(pass, first, last, m, p, t, base);
      }
    }

    private void computePass(int pass, int from, int to, float[] m, float[] p, float[] t, int base) {
      int faces = labels.size();
      List<BatchSource.Item> items = new ArrayList<>();
      for (int i = from; i < to; i++) {
        items.add(new BatchSource.Item(i, labels.sample(i % faces), null));
      }
      int[] perm = setup.scheme.flipPermutation();
      Inference.BatchConsumer fill = (batch, step, output) -> {
        float[] v = output.toFloatArray();
        for (int i = 0; i < batch.size(); i++) {
          int index = batch.items().get(i).index();
          int j = index - base;
          System.arraycopy(v, i * n * hh, m, j * n * hh, n * hh);
          for (int k = 0; k < n; k++) {
            double[] d = setup.codec.decode(v, (i * n + k) * hh);
            p[(j * n + k) * 2] = (float) d[0];
            p[(j * n + k) * 2 + 1] = (float) d[1];
          }
          CropTransform tr = batch.transforms().get(i);
          Landmarks y = tr.toCrop(labels.searched(index % faces), perm);
          for (int k = 0; k < n; k++) {
            t[(j * n + k) * 2] = (float) setup.codec.cropToHeatmap(y.x(k));
            t[(j * n + k) * 2 + 1] = (float) setup.codec.cropToHeatmap(y.y(k));
          }
        }
      };
      int batchSize = setup.config.evaluate().batchSize();
      if (pass == 0) {
        Inference.run(net, setup.source, items, batchSize, fill);
      } else {
        Inference.run(net, setup.source, items, batchSize, augment, seed + pass, fill);
      }
    }
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
    o.metrics.addAll(Rows.read(dir.resolve("metrics.csv"), "variant", "subset", "target", "metric", "value"));
    o.errors.addAll(Rows.read(dir.resolve("errors.csv"), "variant", "subset", "target", "face", "nme"));
    o.landmarks.addAll(Rows.read(dir.resolve("landmark-errors.csv"), "variant", "subset", "target", "landmark", "weak",
        "nme"));
    o.history.addAll(Rows.read(dir.resolve("history.csv"), "variant", "phase", "epoch", "metric", "value"));
    return o;
  }
}
