package dev.sa.tools.bench;

import dev.sa.app.cli.SaCommand;
import dev.sa.app.cluster.JobScripts;
import dev.sa.app.host.PluginHost;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sa bench [CONFIG]}: speed and memory, with ratios against baselines run alongside. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure speed and memory on every DJL engine present.",
        "Times training and inference, the data pipeline, the Semantic Alignment search and memory, against"
            + " native PyTorch (python3-torch) where installed.",
        "Measures the machine's peak (a large fp32 matrix product through the engine) and each path's GFLOP/s"
            + " as a share of it, at one core and at every core (--at-threads), and sa predict's detection and"
            + " landmarks per face.",
        "Prints a table and writes bench.csv into --out; the machine's load is recorded beside the timings."})
public final class BenchCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
      description = "Experiment YAML for the configured model and the data (default: the quick-start).")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, as in 'sa run'.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for bench.csv (default: runs/bench-<time>).")
  Path out;

  @Option(names = "--sizes", split = ",", paramLabel = "PX",
      description = "Input sides of the fixed hourglass (default: 64,128,256; --quick: 64).")
  List<Integer> sizes;

  @Option(names = "--ratio", paramLabel = "R", description = "Input side / heatmap side, 1, 2 or 4 (default: 4).")
  int ratio = 4;

  @Option(names = "--batch", paramLabel = "B", description = "Training batch of the fixed hourglass (default: 8).")
  int batch = 8;

  @Option(names = "--norm", paramLabel = "KIND",
      description = "Normalisation of the fixed hourglass: mixed, group or batch (default: the plugin's, mixed).")
  String norm;

  @Option(names = "--stacks", description = "Stacks of the fixed hourglass (default: 2).")
  int stacks = 2;

  @Option(names = "--depth", description = "Depth of the fixed hourglass (default: 4).")
  int depth = 4;

  @Option(names = "--channels", description = "Channels of the fixed hourglass (default: 128).")
  int channels = 128;

  @Option(names = "--steps", paramLabel = "N", description = "Timed repetitions per figure (default: 5; --quick: 2).")
  Integer steps;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed repetitions first (default: 2; --quick: 1).")
  Integer warmup;

  @Option(names = "--parts", split = ",", paramLabel = "PART",
      description = "Parts to run (default: all but PROFILE): ${COMPLETION-CANDIDATES}.")
  List<BenchOptions.Part> parts;

  @Option(names = "--skip", split = ",", paramLabel = "PART", description = "Parts to leave out.")
  List<BenchOptions.Part> skip = new ArrayList<>();

  @Option(names = "--engines", split = ",", paramLabel = "ENGINE",
      description = "DJL engines for the fixed hourglass: mxnet, pytorch (default: both; absent ones are skipped).")
  List<String> engines = new ArrayList<>(List.of("mxnet", "pytorch"));

  @Option(names = "--graphs", split = ",", paramLabel = "MODE",
      description = "How MXNet runs the fixed hourglass, each timed: static, dynamic, off (the config key graph;"
          + " default: all three, --quick: static,off).")
  List<String> graphs;

  @Option(names = "--memory-epochs", paramLabel = "N", description = "Epochs of the memory run (default: 10; --quick: 4).")
  Integer memoryEpochs;

  @Option(names = "--memory-faces", paramLabel = "N", description = "Faces of the memory run (default: 64; --quick: 16).")
  Integer memoryFaces;

  @Option(names = "--faces", paramLabel = "N",
      description = "Training faces for the data, search and epoch figures; 0 = all (default: 0; --quick: 48).")
  Integer faces;

  @Option(names = "--threads", paramLabel = "N",
      description = "Intra-op threads for PyTorch, DJL's and the baseline's (default: as MXNet, OMP_NUM_THREADS or every core).")
  int threads;

  @Option(names = "--python", paramLabel = "EXE", description = "Interpreter of the baseline (default: /usr/bin/python3).")
  String python = "/usr/bin/python3";

  @Option(names = "--torch-script", paramLabel = "FILE",
      description = "Baseline script (default: the copy of bench/hourglass_bench.py inside the sa jar).")
  Path torchScript;

  @Option(names = "--at-threads", split = ",", paramLabel = "N",
      description = "Engine threads at which the peak, model and predict parts run, 0 = every core (default: 1,0);"
          + " other counts than this process's run in a child process with OMP_NUM_THREADS=N.")
  List<Integer> atThreads;

  @Option(names = "--peak-size", paramLabel = "N",
      description = "Side of the N x N x N fp32 matrix product that measures the peak (default: 4096; --quick: 1024).")
  Integer peakSize;

  @Option(names = "--quick", description = "A run of a few minutes: size 64, fewer repetitions, faces and epochs.")
  boolean quick;

  /** The options as a checked value; bad values raise IllegalArgumentException naming the option. */
  public BenchOptions options() {
    // the operator profile runs only when named: it repeats the model's training steps in another mode
    Set<BenchOptions.Part> chosen = parts == null || parts.isEmpty()
        ? EnumSet.complementOf(EnumSet.of(BenchOptions.Part.PROFILE)) : EnumSet.copyOf(parts);
    chosen.removeAll(skip);
    List<String> eng = new ArrayList<>();
    for (String e : engines) {
      eng.add(e.trim().toLowerCase(Locale.ROOT));
    }
    return new BenchOptions(sizes != null ? sizes : quick ? List.of(64) : List.of(64, 128, 256), ratio, batch,
        stacks, depth, channels, or(steps, quick ? 2 : 5), or(warmup, quick ? 1 : 2), chosen, eng,
        graphs != null ? graphs.stream().map(g -> g.trim().toLowerCase(Locale.ROOT)).toList()
            : quick ? List.of("static", "off") : dev.sa.app.config.ConfigChoice.names(dev.sa.app.config.Choices.GraphMode.class),
        or(memoryEpochs, quick ? 4 : 10), or(memoryFaces, quick ? 16 : 64), or(faces, quick ? 48 : 0), threads,
        python, torchScript, config, sets, out != null ? out : defaultOut(), quick, norm,
        atThreads != null ? atThreads : List.of(1, 0), or(peakSize, quick ? 1024 : 4096));
  }

  private static int or(Integer value, int fallback) {
    return value != null ? value : fallback;
  }

  private static Path defaultOut() {
    return Path.of("runs", "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  @Override
  public Integer call() throws Exception {
    BenchOptions o;
    try {
      o = options();
    } catch (IllegalArgumentException e) {
      throw dev.sa.api.SaException.invalidInput("sa bench: " + e.getMessage());
    }
    BenchTable table;
    List<String> notes;
    try (PluginHost host = root.openPlugins()) {
      List<String> launcher = new ArrayList<>(JobScripts.currentLauncher());
      launcher.addAll(root.jobArgs());
      Bench bench = new Bench(o, host, launcher, line -> {
        root.err().println("bench: " + line);
        root.err().flush();
      });
      table = bench.run(root.err());
      notes = bench.notes();
    }
    root.out().print(table.format());
    for (String note : notes) {
      root.out().println(note);
    }
    root.out().println("bench.csv: " + table.writeCsv(o.out()).toAbsolutePath());
    root.out().flush();
    return 0;
  }
}
