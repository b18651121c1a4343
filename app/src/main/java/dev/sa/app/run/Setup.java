package dev.sa.app.run;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sa.api.BackbonePlugin;
import dev.sa.api.BackboneSpec;
import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Normalization;
import dev.sa.api.SaException;
import dev.sa.app.config.Choices;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.Devices;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.SaConfig;
import dev.sa.app.config.Suggest;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.CheckedDataset;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.method.Frames;
import dev.sa.app.host.PluginHost;
import dev.sa.app.train.LandmarkNet;
import dev.sa.app.train.LandmarkNetBuilder;
import dev.sa.app.train.RmsProp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Opens what a group of variants shares (the data set with its training / validation / test
 * splits, the normaliser, the frames, the codec and the data pipeline) into a {@link RunContext},
 * and closes it. Networks are built per variant ({@link #newNet}), since variants may change the
 * backbone.
 */
public final class Setup implements AutoCloseable {
  private final ConfigLoader.Loaded loaded;
  private final Dataset dataset;
  private final PluginHost host;
  private final LandmarkScheme scheme;
  private RunContext context;

  public Setup(ConfigLoader.Loaded loaded, PluginHost host, Progress progress) {
    this.loaded = loaded;
    this.host = host;
    SaConfig c = loaded.config();
    String src = loaded.source();
    checkRanges(c, src);
    DatasetPlugin dp = host.dataset(c.dataset().plugin(), src + ": dataset.plugin");
    Record dsOptions = PluginOptions.bind(c.dataset().options(), dp.optionsType(), "dataset.options", src);
    resolveOptions(loaded.tree(), c, host, src);
    Device device = device(c.devices(), src);
    dataset = CheckedDataset.of(dp.open(new DatasetContext(Path.of(c.dataset().root()), c.seed(), "dataset"),
        dsOptions));
    scheme = dataset.scheme();
    List<DataProblem> problems = dataset.problems();
    if (!problems.isEmpty()) {
      if (!c.dataset().skipBadSamples()) {
        throw SaException.dataError(problems.size() + " problem(s) in data set '" + c.dataset().plugin()
            + "', first: " + problems.get(0) + "; run 'sa data check' for all, or set dataset.skipBadSamples: true");
      }
      progress.info("skipping " + problems.size() + " bad sample(s) of data set '" + c.dataset().plugin()
          + "' (dataset.skipBadSamples: true)");
    }
    Normalization normalization = normalization(scheme, c.evaluate().normalizer(), src);
    List<FaceSample> all = new ArrayList<>(requireSplit("train", src));
    if (!c.dataset().labels().isBlank()) {
      all = relabel(all, Path.of(c.dataset().labels()), src, progress);
      progress.info("training labels from " + c.dataset().labels() + " (dataset.labels)");
    }
    if (c.dataset().maxTrain() > 0 && all.size() > c.dataset().maxTrain()) {
      all = new ArrayList<>(all.subList(0, c.dataset().maxTrain()));
    }
    List<List<FaceSample>> trainAndVal = splitValidation(all, c);
    Map<String, List<FaceSample>> tests = new LinkedHashMap<>();
    for (String subset : c.evaluate().subsets()) {
      tests.put(subset, requireSplit(subset, src));
    }
    if (NormalizerStage.active(c)) {
      NormalizerStage.eyes(scheme, src);
    }
    Frames frames = new Frames(c.input().size(), c.input().heatmapSize(), c.input().boxScale(),
        scheme.flipPermutation());
    HeatmapCodec codec = new HeatmapCodec(c.input().heatmapSize(), c.input().sigma());
    context = new RunContext(src, c, scheme, trainAndVal.get(0), trainAndVal.get(1), tests, normalization, frames,
        codec, batches(c, frames, codec, progress), device, problems.size());
  }

  private static BatchSource batches(SaConfig c, Frames frames, HeatmapCodec codec, Progress progress) {
    BatchSource b = new BatchSource(c.train().workers(), frames, codec);
    return c.dataset().skipBadSamples() ? b.skippingBadImages(progress::info) : b;
  }

  /** The normaliser {@code name} of {@code scheme} ({@code default}: the scheme's default). */
  static Normalization normalization(LandmarkScheme scheme, String name, String src) {
    if ("default".equals(name)) {
      return scheme.defaultNormalization();
    }
    try {
      return scheme.normalization(name);
    } catch (SaException e) {
      throw SaException.invalidInput(src + ": evaluate.normalizer: " + e.getMessage() + " or default");
    }
  }

  /** What the variants of this setup share. */
  public RunContext context() {
    return context;
  }

  /**
   * From now on every face's crop is turned upright by its normaliser angle ({@link NormalizerStage}):
   * the context's frames and data pipeline are replaced.
   *
   * @param angles each face's predicted in-plane angle in degrees, by face id
   */
  void turnUpright(Map<String, Double> angles) {
    RunContext c = context;
    Frames frames = c.frames().withUpright(angles);
    BatchSource batches = new BatchSource(c.config().train().workers(), frames, c.codec());
    c.batches().close();
    context = new RunContext(c.configSource(), c.config(), c.scheme(), c.train(), c.val(), c.tests(),
        c.normalization(), frames, c.codec(), batches, c.device(), c.skipped());
  }

  /**
   * The training and the validation faces: the validation faces are carved from the training
   * faces (seeded), so hyper-parameters are chosen on them, never on a test subset.
   */
  private List<List<FaceSample>> splitValidation(List<FaceSample> all, SaConfig c) {
    List<FaceSample> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(c.seed() ^ 0x5eed));
    int nVal = (int) Math.round(all.size() * c.dataset().validationFraction());
    List<FaceSample> valList = new ArrayList<>(shuffled.subList(0, nVal));
    java.util.Set<String> valIds = new java.util.HashSet<>();
    for (FaceSample s : valList) {
      valIds.add(s.id());
    }
    List<FaceSample> trainList = new ArrayList<>();
    for (FaceSample s : all) {
      if (!valIds.contains(s.id())) {
        trainList.add(s);
      }
    }
    if (trainList.isEmpty()) {
      throw SaException.dataError("data set '" + c.dataset().plugin() + "' has no training faces under "
          + c.dataset().root());
    }
    return List.of(trainList, valList);
  }

  /**
   * Binds every plugin's options of {@code c} (so bad options fail before any work) and writes
   * them back into {@code tree} with their defaults filled in, for resolved-config.yaml.
   */
  public static void resolveOptions(ObjectNode tree, SaConfig c, PluginHost host, String src) {
    DatasetPlugin dp = host.dataset(c.dataset().plugin(), src + ": dataset.plugin");
    BackbonePlugin bp = host.backbone(c.backbone().plugin(), src + ": backbone.plugin");
    ((ObjectNode) tree.get("dataset")).set("options", PluginOptions.resolved(
        PluginOptions.bind(c.dataset().options(), dp.optionsType(), "dataset.options", src)));
    ((ObjectNode) tree.get("backbone")).set("options", PluginOptions.resolved(
        PluginOptions.bind(c.backbone().options(), bp.optionsType(), "backbone.options", src)));
    if (!"none".equals(c.refiner().plugin())) {
      var rp = host.refiner(c.refiner().plugin(), src + ": refiner.plugin");
      ((ObjectNode) tree.get("refiner")).set("options", PluginOptions.resolved(
          PluginOptions.bind(c.refiner().options(), rp.optionsType(), "refiner.options", src)));
    }
    if (NormalizerStage.active(c)) {
      var np = host.normalizer(c.normalizer().plugin(), src + ": normalizer.plugin");
      ((ObjectNode) tree.get("normalizer")).set("options", PluginOptions.resolved(
          PluginOptions.bind(c.normalizer().options(), np.optionsType(), "normalizer.options", src)));
    }
    resolveDetector(tree, c, host, src);
  }

  /** Binds {@code predict.detector.options} and writes them back with their defaults (unless the plugin is none). */
  public static void resolveDetector(ObjectNode tree, SaConfig c, PluginHost host, String src) {
    String id = c.predict().detector().plugin();
    if (!"none".equals(id)) {
      var dp = host.detector(id, src + ": predict.detector.plugin");
      ((ObjectNode) tree.get("predict").get("detector")).set("options", PluginOptions.resolved(
          PluginOptions.bind(c.predict().detector().options(), dp.optionsType(), "predict.detector.options", src)));
    }
  }

  /**
   * Hash of everything a setup depends on: variants that share it share the opened data (and the
   * rotation normaliser, trained once per setup; a config without one keeps the key it had before
   * normalisers existed).
   */
  public static String key(ObjectNode tree) {
    ObjectNode t = ConfigLoader.YAML.createObjectNode();
    for (String k : List.of("seed", "engine", "devices", "dataset", "input")) {
      if (tree.has(k)) {
        t.set(k, tree.get(k));
      }
    }
    t.set("workers", tree.at("/train/workers"));
    t.set("evaluate", tree.at("/evaluate/subsets"));
    t.set("normalizer", tree.at("/evaluate/normalizer"));
    if (tree.has("normalizer") && !"none".equals(tree.at("/normalizer/plugin").asText())) {
      t.set("rotation", tree.get("normalizer"));
    }
    return Integer.toHexString(t.toString().hashCode());
  }

  private List<FaceSample> requireSplit(String name, String src) {
    if (!dataset.splitNames().contains(name)) {
      throw SaException.invalidInput(src + ": evaluate.subsets: data set '" + loaded.config().dataset().plugin()
          + "' has no split '" + name + "'" + Suggest.hint(name, dataset.splitNames()) + "; splits: "
          + dataset.splitNames());
    }
    return dataset.split(name);
  }

  /** Replaces the annotations of {@code samples} by the labels in {@code file} (every face must be there). */
  static List<FaceSample> relabel(List<FaceSample> samples, Path file, String src, Progress progress) {
    java.util.Map<String, dev.sa.api.Landmarks> labels;
    try {
      labels = dev.sa.app.method.Labels.readLast(file);
    } catch (java.io.IOException | RuntimeException e) {
      throw SaException.invalidInput(src + ": dataset.labels: cannot read " + file + ": " + e.getMessage()
          + " (expected CSV id,point,x,y as written by 'sa align')");
    }
    List<FaceSample> out = new ArrayList<>();
    int missing = 0;
    for (FaceSample s : samples) {
      dev.sa.api.Landmarks l = labels.get(s.id());
      if (l == null) {
        // Kept with its human annotation: the validation faces of the run that searched the
        // labels are not in the file, and the validation split must stay the same (Table 7).
        missing++;
        out.add(s);
        continue;
      }
      if (l.count() != s.landmarksInImage().count()) {
        throw SaException.invalidInput(file + ": face " + s.id() + " has " + l.count() + " points, the data set "
            + s.landmarksInImage().count());
      }
      out.add(new FaceSample(s.id(), s.image(), s.box(), l, s.visible(), s.truthInImage(), s.sequence(), s.source()));
    }
    if (missing == samples.size()) {
      throw SaException.invalidInput(file + ": none of its ids matches a training face of this data set");
    }
    if (missing > 0) {
      progress.info(missing + " training face(s) have no label in " + file + " and keep their human annotation"
          + " (e.g. the validation faces of the run that searched them, so the validation split stays the same)");
    }
    return out;
  }

  /**
   * A fresh network for {@code c} (same geometry as this setup), trained with the backbone plugin's
   * own loss if it brings one ({@link BackbonePlugin#loss}), else the host's heatmap MSE with
   * {@code train.foregroundWeight} (L1 for coordinates); SA's chi-square batches with Eq. 9.
   */
  public LandmarkNet newNet(SaConfig c) {
    BackbonePlugin plugin = host.backbone(c.backbone().plugin(), loaded.source() + ": backbone.plugin");
    Record options = PluginOptions.bind(c.backbone().options(), plugin.optionsType(), "backbone.options",
        loaded.source());
    BackboneSpec spec = new BackboneSpec(scheme.count(), c.input().size(), c.input().heatmapSize(), options);
    LandmarkNetBuilder b = LandmarkNet.builder().setLandmarks(scheme.count())
        .setSizes(c.input().size(), c.input().heatmapSize()).optSeed(c.seed()).optDevices(c.devices())
        .optEngine(c.engine()).optGraph(c.graph()).optForegroundWeight(c.train().foregroundWeight())
        .optRmsProp(new RmsProp.Settings(c.train().rmsAlpha(), c.train().rmsEpsilon(), c.train().weightDecay()));
    try {
      b.setBackbone(plugin.build(spec));
      plugin.loss(spec).ifPresent(b::optLoss);
    } catch (IllegalArgumentException e) {
      throw SaException.invalidInput(loaded.source() + ": backbone: " + e.getMessage());
    }
    return b.build();
  }

  /** The device that holds the parameters; a GPU config needs a GPU the engine sees. */
  static Device device(Devices devices, String src) {
    if (devices.gpu() && ai.djl.engine.Engine.getInstance().getGpuCount() == 0) {
      throw SaException.invalidInput(src + ": devices: '" + devices + "' asks for a GPU but the engine sees none;"
          + " use devices: cpu (see README, 'GPU')");
    }
    return devices.first();
  }

  /**
   * The values of a bound config: the numeric domains ({@link dev.sa.app.config.ConfigDomains}, also
   * checked when a config is loaded). Named choices are typed ({@link dev.sa.app.config.Choices})
   * and checked when the config is loaded.
   */
  static void checkRanges(SaConfig c, String src) {
    List<String> e = new ArrayList<>(dev.sa.app.config.ConfigDomains.check(ConfigLoader.YAML.valueToTree(c)));
    ConfigLoader.fail(src, e);
  }

  /**
   * Checks, before the run folder is made, what a variant needs of the data set: {@code sa.labels:
   * truth} needs true landmarks for every training face, {@code sa.crossFit: K} at least K training faces.
   */
  static void checkData(RunContext ctx, SaConfig c, String source) {
    int folds = c.sa().enabled() ? c.sa().crossFit() : 0;
    int faces = ctx.train().size();
    if (folds > faces) {
      int most = Math.min(SaConfig.SaSearchConfig.MAX_CROSS_FIT, faces);
      throw SaException.invalidInput(source + ": sa.crossFit: " + folds + " folds need at least " + folds
          + " training faces, the data set has " + faces + "; valid: 0 (the paper)" + (most >= 2 ? " or 2.." + most : ""));
    }
    if (c.sa().labels() == Choices.Labels.TRUTH) {
      for (FaceSample s : ctx.train()) {
        if (s.truthInImage().isEmpty()) {
          throw SaException.invalidInput(source + ": sa.labels: truth needs a data set with known true"
              + " landmarks (synthetic); '" + s.id() + "' has none");
        }
      }
    }
  }

  @Override
  public void close() {
    context.batches().close();
  }
}
