package dev.sa.tools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sa.api.Backbone;
import dev.sa.api.BackbonePlugin;
import dev.sa.api.BackboneSpec;
import dev.sa.app.config.Choices;
import dev.sa.app.config.ConfigChoice;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.host.PluginHost;
import dev.sa.app.train.LandmarkNet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parts that run once per engine thread count: the machine's peak (a large matrix product),
 * the fixed hourglass at every size with its FLOPs and its share of that peak, and
 * {@code sa predict}'s parts ({@link PredictBench}).
 */
final class ModelBench {
  /** Landmarks of the fixed hourglass (300W's 68). */
  static final int LANDMARKS = 68;

  private final BenchOptions options;
  private final PluginHost host;
  private final BenchTable table;
  private final Consumer<String> log;
  private final NetTimer timer;
  private final Map<Integer, FlopCount.Count> flops = new HashMap<>();

  ModelBench(BenchOptions options, PluginHost host, BenchTable table, Consumer<String> log, NetTimer timer) {
    this.options = options;
    this.host = host;
    this.table = table;
    this.log = log;
    this.timer = timer;
  }

  /** The peak, model and predict parts (as chosen) on {@code engines}, at this process's {@code threads}. */
  void run(List<String> engines, int threads, PredictBench predict) {
    Map<String, Double> peak = new HashMap<>();
    if (options.runs(BenchOptions.Part.PEAK)) {
      for (String engine : engines) {
        log.accept("peak: " + options.peakSize() + "^3 fp32 matrix product on " + engine + ", " + threads + " thread(s)");
        double g = MatmulPeak.gflops(engine, options.peakSize(), Math.max(2, options.steps()));
        table.add("peak", peakItem(threads), engine, "peak_gflops", g, "GFLOP/s");
        peak.put(engine, g);
      }
    }
    if (options.runs(BenchOptions.Part.MODEL)) {
      for (String engine : engines) {
        for (int size : options.sizes()) {
          for (String graph : graphsOf(engine)) {
            model(engine, graph, size, threads, peak.getOrDefault(engine, Double.NaN));
          }
          graphRatios(engine, size, threads);
        }
      }
    }
    if (options.runs(BenchOptions.Part.PREDICT)) {
      predict.run(threads, this::hourglass);
    }
  }

  String peakItem(int threads) {
    return String.format(Locale.ROOT, "matmul fp32 %d^3 threads=%d", options.peakSize(), threads);
  }

  /** The graph modes timed on {@code engine}: every {@code --graphs} mode on MXNet, none elsewhere. */
  List<String> graphsOf(String engine) {
    return engine.equals("MXNet") ? options.graphs() : List.of("off");
  }

  /**
   * The name under which a network's figures go: the engine, with the graph mode added for MXNet's
   * modes after the first of {@code --graphs}.
   */
  String label(String engine, String graph) {
    return !engine.equals("MXNet") || graph.equals(options.graphs().get(0)) ? engine : engine + " graph=" + graph;
  }

  String item(int size, int heatmap, int threads) {
    return String.format(Locale.ROOT, "hourglass %dx%dx%d %s b%d %dpx/%d threads=%d", options.stacks(),
        options.depth(), options.channels(), options.norm() == null ? "mixed" : options.norm(), options.batch(), size,
        heatmap, threads);
  }

  /** The fixed hourglass (the bench's stacks, depth, channels, norm) for input side {@code size}. */
  Backbone hourglass(int size) {
    BackbonePlugin plugin = host.backbone("hourglass", "sa bench: the fixed model");
    ObjectNode o = ConfigLoader.YAML.createObjectNode();
    o.put("stacks", options.stacks()).put("depth", options.depth()).put("channels", options.channels());
    if (options.norm() != null) {
      o.put("norm", options.norm());
    }
    Record bound = PluginOptions.bind(o, plugin.optionsType(), "hourglass options", "sa bench");
    return plugin.build(new BackboneSpec(LANDMARKS, size, size / options.ratio(), bound));
  }

  /** The FLOPs of the fixed hourglass at input side {@code size} (built once per size). */
  FlopCount.Count flops(int size) {
    return flops.computeIfAbsent(size, s -> {
      Backbone bb = hourglass(s);
      try (LandmarkNet net = newNet(bb, s, null, "off")) {
        return FlopCount.of(bb.block());
      }
    });
  }

  private LandmarkNet newNet(Backbone bb, int size, String engine, String graph) {
    return LandmarkNet.builder().setBackbone(bb).setLandmarks(LANDMARKS).setSizes(size, size / options.ratio())
        .optSeed(1).optEngine(engine == null ? null : Choices.Engine.ofDjlName(engine))
        .optGraph(ConfigChoice.parse(Choices.GraphMode.class, graph)).build();
  }

  /**
   * MXNet's profiler on the training steps of the fixed hourglass at every size (graph static, this
   * process's threads): milliseconds per step by operator (the largest dozen, then the rest), each
   * with its share of the operator time, and the convolutions' achieved GFLOP/s (the FLOPs of
   * {@link FlopCount}, all convolutions, over the time of the convolution operators).
   */
  void profile(int threads) {
    for (int size : options.sizes()) {
      Backbone bb = hourglass(size);
      String item = item(size, size / options.ratio(), threads);
      log.accept("profiling " + item + " on MXNet (graph: static, bulk execution off)");
      try (LandmarkNet net = newNet(bb, size, "MXNet", "static")) {
        var batch = NetTimer.batch(options.batch(), size, LANDMARKS, size / options.ratio(), 1);
        for (int i = 0; i < Math.max(1, options.warmup()); i++) {
          net.trainStep(batch, 2.5e-4);
        }
        int steps = Math.max(1, options.steps());
        Map<String, Double> ms = OperatorProfile.of(() -> {
          for (int i = 0; i < steps; i++) {
            net.trainStep(batch, 2.5e-4);
          }
        });
        double total = ms.values().stream().mapToDouble(Double::doubleValue).sum();
        double conv = 0;
        int shown = 0;
        double rest = 0;
        for (Map.Entry<String, Double> e : ms.entrySet()) {
          if (OperatorProfile.convolution(e.getKey())) {
            conv += e.getValue();
          }
          if (shown++ < 12) {
            table.add("profile", item, "MXNet", "op " + e.getKey(), e.getValue() / steps, "ms/step", "share of operator time",
                e.getValue() / total);
          } else {
            rest += e.getValue();
          }
        }
        if (rest > 0) {
          table.add("profile", item, "MXNet", "op (other)", rest / steps, "ms/step", "share of operator time", rest / total);
        }
        table.add("profile", item, "MXNet", "operators_ms_per_step", total / steps, "ms/step");
        FlopCount.Count f = flops.computeIfAbsent(size, s -> FlopCount.of(bb.block()));
        table.add("profile", item, "MXNet", "conv_gflops", f.trainStep(options.batch()) / 1e9 / (conv / steps / 1e3),
            "GFLOP/s");
      }
    }
  }

  /** The fixed hourglass at input side {@code size} on {@code engine}, run as {@code graph} says. */
  private void model(String engine, String graph, int size, int threads, double peakGflops) {
    Backbone bb = hourglass(size);
    String item = item(size, size / options.ratio(), threads);
    String label = label(engine, graph);
    log.accept("timing " + item + " on " + engine + (engine.equals("MXNet") ? " (graph: " + graph + ")" : ""));
    try (LandmarkNet net = newNet(bb, size, engine, graph)) {
      NetTimer.Timing t = timer.time(net, size, options.batch(), 2.5e-4);
      record(table, "model", item, label, t);
      FlopCount.Count f = flops.computeIfAbsent(size, s -> FlopCount.of(bb.block()));
      achieved("model", item, label, f, t.trainSecondsPerStep(), t.inferMsPerFaceBatch1(), t.inferMsPerFaceBatch(),
          "peak_gflops " + engine + " threads=" + threads, peakGflops);
    }
  }

  /**
   * FLOPs and achieved GFLOP/s of one path with its share of {@code peak} (NaN: not measured):
   * training per step, inference per face at batch 1 and at the batch.
   */
  void achieved(String section, String item, String label, FlopCount.Count f, double trainSeconds, double inferMsB1,
      double inferMsBatch, String versus, double peak) {
    double forward = f.forward() / 1e9;
    double train = f.trainStep(options.batch()) / 1e9;
    table.add(section, item, label, "forward_gflop_per_face", forward, "GFLOP");
    table.add(section, item, label, "train_gflop_per_step", train, "GFLOP");
    double[] gflops = {train / trainSeconds, forward / (inferMsB1 / 1e3), forward / (inferMsBatch / 1e3)};
    String[] metrics = {"train_gflops", "infer_gflops_b1", "infer_gflops_batch"};
    for (int i = 0; i < metrics.length; i++) {
      if (!Double.isNaN(gflops[i])) {
        table.add(section, item, label, metrics[i], gflops[i], "GFLOP/s", Double.isNaN(peak) ? "" : versus,
            gflops[i] / peak);
      }
    }
  }

  /** Each MXNet graph mode's figures over operator-by-operator's (graph=off), where both ran. */
  private void graphRatios(String engine, int size, int threads) {
    if (!engine.equals("MXNet") || !options.graphs().contains("off")) {
      return;
    }
    String item = item(size, size / options.ratio(), threads);
    String off = label(engine, "off");
    for (String graph : options.graphs()) {
      if (graph.equals("off")) {
        continue;
      }
      for (String m : List.of("train_s_per_step", "infer_ms_per_face_b1", "infer_ms_per_face_batch", "peak_rss",
          "peak_rss_growth")) {
        double a = table.value("model", item, label(engine, graph), m);
        double b = table.value("model", item, off, m);
        table.add("model", item, label(engine, graph), m + "_vs_ops", a / b, "", m + " of " + off, a / b);
      }
    }
  }

  /** The timing's figures as rows of {@code section}. */
  static void record(BenchTable table, String section, String item, String engine, NetTimer.Timing t) {
    table.add(section, item, engine, "train_s_per_step", t.trainSecondsPerStep(), "s");
    table.add(section, item, engine, "infer_ms_per_face_b1", t.inferMsPerFaceBatch1(), "ms/face");
    table.add(section, item, engine, "infer_ms_per_face_batch", t.inferMsPerFaceBatch(), "ms/face");
    table.add(section, item, engine, "peak_rss", t.peakRssMb(), "MB");
    table.add(section, item, engine, "peak_rss_growth", t.peakRssGrowthMb(), "MB");
    table.add(section, item, engine, "peak_heap", t.peakHeapMb(), "MB");
  }
}
