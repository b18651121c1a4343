package dev.sa.tools.bench;

import ai.djl.engine.Engine;
import dev.sa.api.Backbone;
import dev.sa.api.BackbonePlugin;
import dev.sa.api.BackboneSpec;
import dev.sa.app.config.Choices;
import dev.sa.app.config.ConfigChoice;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.SaConfig;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Progress;
import dev.sa.app.run.Setup;
import dev.sa.app.train.LandmarkNet;
import dev.sa.app.train.RmsProp;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code sa bench}: speed and memory of training, inference, the data pipeline and the Semantic
 * Alignment search, on every DJL engine present, with ratios against baselines measured in the
 * same run (the per-parameter RMSprop, the per-pixel chi-square loop, native PyTorch). Figures are
 * medians of single repetitions on a machine that may be shared: the load average is recorded
 * beside them.
 */
public final class Bench {
  private final BenchOptions options;
  private final PluginHost host;
  private final Consumer<String> log;
  private final BenchTable table = new BenchTable();
  private final List<String> notes = new ArrayList<>();
  private final NetTimer timer;
  private final List<String> launcher;
  private final ModelBench models;

  /**
   * @param launcher the command that starts this {@code sa} with its global options (for the child
   *     processes at other thread counts)
   */
  public Bench(BenchOptions options, PluginHost host, List<String> launcher, Consumer<String> log) {
    this.options = options;
    this.host = host;
    this.log = log;
    this.launcher = List.copyOf(launcher);
    this.timer = new NetTimer(options.steps(), options.warmup());
    this.models = new ModelBench(options, host, table, log, timer);
  }

  /**
   * Runs the selected parts and returns the figures. The config's engine becomes DJL's default
   * (plugins make arrays on it), so call this before anything else touches DJL.
   *
   * @param err receives progress lines and the PyTorch baseline's notice
   */
  public BenchTable run(PrintWriter err) throws IOException {
    ConfigLoader.Loaded loaded = ConfigLoader.load(options.config(), options.sets());
    SaConfig config = loaded.config();
    int threads = options.effectiveThreads();
    setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    try {
      dev.sa.app.train.Engines.select(config.engine());
    } catch (IllegalStateException e) {
      throw dev.sa.api.SaException.invalidInput(loaded.source() + ": " + e.getMessage());
    }
    List<String> engines = new ArrayList<>();
    for (String e : options.engines()) {
      String name = ConfigChoice.parse(Choices.Engine.class, e).djlName();
      if (Engine.hasEngine(name)) {
        engines.add(name);
      } else {
        err.println("sa bench: engine " + e + " is not on the class path; skipped");
      }
    }
    environment(threads, engines);
    List<String> labels = new ArrayList<>();
    for (String engine : engines) {
      for (String graph : models.graphsOf(engine)) {
        labels.add(models.label(engine, graph));
      }
    }
    perThreadCount(config, engines);
    boolean needsSetup = options.runs(BenchOptions.Part.CONFIG) || options.runs(BenchOptions.Part.RMSPROP)
        || options.runs(BenchOptions.Part.DATA) || options.runs(BenchOptions.Part.SEARCH)
        || options.runs(BenchOptions.Part.MEMORY);
    if (needsSetup) {
      try (Setup setup = new Setup(loaded, host, new Progress(err, false))) {
        configured(setup, engines);
      }
    }
    if (options.runs(BenchOptions.Part.TORCH)) {
      torch(err, threads, labels);
    }
    table.add("env", "machine", "", "load_average_1min_end", SystemProbe.loadAverage(), "");
    return table;
  }

  /**
   * The peak, model and predict parts at every {@code --at-threads} count: this process's count
   * here, the others in child processes.
   */
  private void perThreadCount(SaConfig config, List<String> engines) throws IOException {
    if (options.runs(BenchOptions.Part.PROFILE) && engines.contains("MXNet")) {
      for (int t : options.atThreads()) {
        if (ChildBench.isProfiler()) {
          models.profile(BenchOptions.mxnetThreads());
          break;
        }
        ChildBench.run(launcher, options, t, log, 6 * 3600, true).forEach(table::add);
      }
    }
    if (ChildBench.isProfiler() || options.parts().stream().noneMatch(BenchOptions.PER_THREADS::contains)) {
      return;
    }
    int here = BenchOptions.mxnetThreads();
    PredictBench predict = new PredictBench(options, host, config, table, log, timer);
    for (int t : options.atThreads()) {
      if (t == here || ChildBench.isChild()) {
        models.run(engines, here, predict);
      } else {
        ChildBench.run(launcher, options, t, log, 6 * 3600).forEach(table::add);
      }
    }
    if (options.runs(BenchOptions.Part.PREDICT) && !ChildBench.isChild()) {
      predict.recall(here);
    }
  }

  /** Lines to print under the table (e.g. that the PyTorch baseline is not installed). */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  private void environment(int threads, List<String> engines) {
    table.add("env", "machine", "", "cores", Runtime.getRuntime().availableProcessors(), "");
    table.add("env", "machine", "", "load_average_1min_start", SystemProbe.loadAverage(), "");
    table.add("env", "machine", "", "intra_op_threads", threads, "",
        "MXNet: " + dev.sa.app.train.EngineThreads.current().map(Object::toString).orElse("engine not started"), Double.NaN);
    for (String e : engines) {
      table.add("env", "engine", e, "version " + Engine.getEngine(e).getVersion(), Double.NaN, "");
    }
  }

  /** The configured model, the fused RMSprop, the data pipeline, the search and memory. */
  private void configured(Setup setup, List<String> engines) {
    SaConfig c = setup.context().config();
    PipelineBench pipeline = new PipelineBench(setup.context(), table, log);
    String item = String.format(Locale.ROOT, "%s %s b%d %dpx/%d", c.backbone().plugin(),
        c.backbone().options() == null ? "{}" : c.backbone().options().toString(), c.train().batchSize(),
        c.input().size(), c.input().heatmapSize());
    double stepSeconds = Double.NaN;
    try (LandmarkNet net = setup.newNet(c)) {
      if (options.runs(BenchOptions.Part.CONFIG)) {
        log.accept("timing the configured model on " + net.engineName());
        NetTimer.Timing t = timer.time(net, c.input().size(), c.train().batchSize(), c.train().schedule().lr());
        ModelBench.record(table, "config", item, net.engineName(), t);
        stepSeconds = t.trainSecondsPerStep();
      }
      if (options.runs(BenchOptions.Part.RMSPROP)) {
        for (String engine : engines) {
          rmsProp(setup, engine, item);
        }
      }
      if (options.runs(BenchOptions.Part.DATA)) {
        if (Double.isNaN(stepSeconds)) {
          stepSeconds = timer.trainSeconds(net, NetTimer.batch(c.train().batchSize(), c.input().size(),
              net.landmarks(), net.heatmapSize(), 14), c.train().schedule().lr());
        }
        log.accept("timing the data pipeline");
        pipeline.data(options.faces(), stepSeconds);
      }
      if (options.runs(BenchOptions.Part.SEARCH)) {
        log.accept("timing the Semantic Alignment search");
        pipeline.search(net, options.faces(), options.quick());
      }
    }
    if (options.runs(BenchOptions.Part.MEMORY)) {
      log.accept("memory over " + options.memoryEpochs() + " epochs");
      try (LandmarkNet net = setup.newNet(c)) {
        pipeline.memory(net, options.memoryFaces(), options.memoryEpochs());
      }
    }
  }

  /** Each RMSprop form against the per-parameter one, on {@code engine}, one network per form. */
  private void rmsProp(Setup setup, String engine, String item) {
    log.accept("timing the RMSprop forms against the per-parameter one on " + engine);
    SaConfig c = setup.context().config();
    List<RmsProp.Form> forms = new ArrayList<>(List.of(RmsProp.Form.PER_PARAMETER, RmsProp.Form.FUSED));
    if (engine.equals("MXNet")) {
      forms.add(RmsProp.Form.MXNET_ADAM);
    }
    Map<RmsProp.Form, LandmarkNet> nets = new java.util.EnumMap<>(RmsProp.Form.class);
    try (LandmarkNet plain = configuredNet(setup, engine, null)) {
      for (RmsProp.Form f : forms) {
        nets.put(f, configuredNet(setup, engine, f));
      }
      Map<RmsProp.Form, Double> t = timer.optimizerForms(nets, NetTimer.batch(c.train().batchSize(),
          c.input().size(), plain.landmarks(), plain.heatmapSize(), 13), c.train().schedule().lr());
      double reference = t.get(RmsProp.Form.PER_PARAMETER);
      table.add("rmsprop", item, engine, "train_s_per_step_per_parameter", reference, "s");
      for (RmsProp.Form f : forms) {
        if (f != RmsProp.Form.PER_PARAMETER) {
          String m = "train_s_per_step_" + f.name().toLowerCase(Locale.ROOT);
          table.add("rmsprop", item, engine, m, t.get(f), "s", "train_s_per_step_per_parameter", t.get(f) / reference);
        }
      }
      table.add("rmsprop", item, engine, "default_" + plain.optimizerForm().name().toLowerCase(Locale.ROOT),
          Double.NaN, "");
    } finally {
      nets.values().forEach(LandmarkNet::close);
    }
  }

  /**
   * The configured backbone on {@code engine} with RMSprop form {@code form} (null: the engine's
   * default); Setup builds on DJL's default engine only.
   */
  private LandmarkNet configuredNet(Setup setup, String engine, RmsProp.Form form) {
    SaConfig c = setup.context().config();
    int landmarks = setup.context().scheme().count();
    BackbonePlugin plugin = host.backbone(c.backbone().plugin(), "backbone.plugin");
    Record bound = PluginOptions.bind(c.backbone().options(), plugin.optionsType(), "backbone.options", "sa bench");
    Backbone bb = plugin.build(new BackboneSpec(landmarks, c.input().size(), c.input().heatmapSize(), bound));
    return LandmarkNet.builder().setBackbone(bb).setLandmarks(landmarks)
        .setSizes(c.input().size(), c.input().heatmapSize()).optSeed(c.seed()).optEngine(Choices.Engine.ofDjlName(engine))
        .optRmsProp(new RmsProp.Settings(c.train().rmsAlpha(), c.train().rmsEpsilon(), c.train().weightDecay()))
        .optForegroundWeight(c.train().foregroundWeight()).optOptimizerForm(form).build();
  }

  /** The native PyTorch baseline and the ratios of every engine's figures to it. */
  private void torch(PrintWriter err, int threads, List<String> labels) throws IOException {
    TorchBaseline baseline = new TorchBaseline(options.python());
    if (!baseline.available()) {
      notes.add(TorchBaseline.NOT_INSTALLED);
      table.add("torch", "baseline", "python-torch", "not installed (apt-get install python3-torch)", Double.NaN, "");
      return;
    }
    log.accept("running the PyTorch baseline (" + options.python() + ")");
    List<String> args = new ArrayList<>();
    StringBuilder sizes = new StringBuilder();
    for (int s : options.sizes()) {
      sizes.append(sizes.length() == 0 ? "" : ",").append(s);
    }
    for (String[] a : new String[][] {{"--sizes", sizes.toString()}, {"--ratio", "" + options.ratio()},
        {"--stacks", "" + options.stacks()}, {"--depth", "" + options.depth()},
        {"--channels", "" + options.channels()}, {"--landmarks", "" + ModelBench.LANDMARKS}, {"--batch", "" + options.batch()},
        {"--steps", "" + options.steps()}, {"--warmup", "" + options.warmup()}, {"--threads", "" + threads}}) {
      args.addAll(List.of(a));
    }
    TorchBaseline.Report report = baseline.run(options.torchScript(), args, threads, 3600);
    table.add("env", "engine", "python-torch", "version " + report.torchVersion(), Double.NaN, "");
    String[][] metrics = {{"train_s_per_step", "s"}, {"infer_ms_per_face_b1", "ms/face"},
        {"infer_ms_per_face_batch", "ms/face"}, {"peak_rss", "MB"}};
    for (int size : options.sizes()) {
      TorchBaseline.Result r = report.forSize(size);
      if (r == null) {
        continue;
      }
      String item = models.item(size, r.heatmap(), threads);
      double[] values = {r.trainSecondsPerStep(), r.inferMsPerFaceBatch1(), r.inferMsPerFaceBatch(), r.peakRssMb()};
      for (int m = 0; m < metrics.length; m++) {
        if (Double.isNaN(values[m])) {
          continue;
        }
        table.add("torch", item, "python-torch", metrics[m][0], values[m], metrics[m][1]);
        for (String e : labels) {
          double djl = table.value("model", item, e, metrics[m][0]);
          if (!Double.isNaN(djl)) {
            table.add("torch", item, e, metrics[m][0] + "_ratio", djl / values[m], "",
                "DJL " + e + " / python-torch", djl / values[m]);
          }
        }
      }
      // The same network's FLOPs; against MXNet's peak at the same thread count (PyTorch's own
      // GEMM is not measured), where the peak part ran.
      String peakItem = models.peakItem(threads);
      models.achieved("torch", item, "python-torch", models.flops(size), r.trainSecondsPerStep(),
          r.inferMsPerFaceBatch1(), r.inferMsPerFaceBatch(), "peak_gflops MXNet " + peakItem,
          table.value("peak", peakItem, "MXNet", "peak_gflops"));
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
