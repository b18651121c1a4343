package dev.sa.tools.bench;

import dev.sa.app.train.LandmarkNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code sa bench} measures and how long it may take.
 *
 * @param sizes input sides of the fixed hourglass (heatmap = size / ratio)
 * @param ratio input side over heatmap side (1, 2 or 4; the hourglass plugin's contract)
 * @param batch faces per training step and per batched inference
 * @param stacks stacks of the fixed hourglass
 * @param depth recursion depth of the fixed hourglass (capped by the plugin for small heatmaps)
 * @param channels feature width of the fixed hourglass
 * @param steps timed repetitions of each measured operation (the median is reported)
 * @param warmup untimed repetitions first
 * @param parts which parts to run
 * @param engines DJL engines to time the networks on ({@code mxnet}, {@code pytorch}); absent ones are skipped
 * @param graphs how MXNet runs the fixed hourglass, each timed ({@code static}, {@code dynamic}, {@code off}: the
 *     config key {@code graph}); the first is reported as plain {@code MXNet}, the others as
 *     {@code MXNet graph=<mode>}
 * @param memoryEpochs epochs of the memory-growth run (growth is from epoch 2 to the last)
 * @param memoryFaces training faces of the memory-growth run
 * @param faces training faces for the data, search and epoch parts; 0 = the whole training split
 * @param threads intra-op threads for PyTorch (DJL and the baseline); 0 = as MXNet: OMP_NUM_THREADS or every
 *     core
 * @param python interpreter for the PyTorch baseline
 * @param torchScript baseline script; null = the copy inside the sa jar
 * @param config experiment config for the configured model and the data (null = the quick-start)
 * @param sets {@code --set} overrides of the config
 * @param out folder for bench.csv
 * @param quick leave out the slowest figures (the paper-scale 256 px chi-square comparison)
 * @param norm normalisation of the fixed hourglass, or null for the plugin's
 * @param atThreads engine thread counts at which the peak, model and predict parts run (0 = every
 *     core); a count other than this process's runs in a child process with OMP_NUM_THREADS set
 * @param peakSize side n of the n x n x n fp32 matrix product that measures the peak
 */
public record BenchOptions(List<Integer> sizes, int ratio, int batch, int stacks, int depth, int channels, int steps,
    int warmup, Set<Part> parts, List<String> engines, List<String> graphs, int memoryEpochs, int memoryFaces, int faces, int threads,
    String python, Path torchScript, Path config, List<String> sets, Path out, boolean quick, String norm,
    List<Integer> atThreads, int peakSize) {

  /** The parts of a bench run, in the order they run. */
  public enum Part {
    /** The machine's practical peak: a large fp32 matrix product through each engine. */
    PEAK,
    /** The fixed hourglass at every size, on every engine, with its FLOPs and share of the peak. */
    MODEL,
    /** {@code sa predict}'s parts: face detection per image, landmarks per face at 64 px, batch 1. */
    PREDICT,
    /**
     * MXNet's profiler on the fixed hourglass's training step at every size: milliseconds per step by
     * operator and their shares, the convolutions' achieved GFLOP/s (a child process per thread count).
     */
    PROFILE,
    /** The configured model. */
    CONFIG,
    /** RMSprop: fused against the per-parameter reference. */
    RMSPROP,
    /** Data pipeline throughput. */
    DATA,
    /** Semantic Alignment search against a training epoch and the per-pixel loop. */
    SEARCH,
    /** RSS after every epoch of a small run. */
    MEMORY,
    /** The same network in native PyTorch (python3-torch). */
    TORCH
  }

  public BenchOptions {
    sizes = List.copyOf(sizes);
    engines = List.copyOf(engines);
    graphs = List.copyOf(graphs);
    sets = List.copyOf(sets);
    atThreads = atThreads.stream().map(t -> t == 0 ? Runtime.getRuntime().availableProcessors() : t).distinct()
        .toList();
    parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("--sizes: give at least one input size, e.g. --sizes 64,128");
    }
    if (ratio != 1 && ratio != 2 && ratio != 4) {
      throw new IllegalArgumentException("--ratio: must be 1, 2 or 4 (input size / heatmap size), got " + ratio);
    }
    for (int s : sizes) {
      if (s < 16 || s % ratio != 0 || (s / ratio) % 2 != 0) {
        throw new IllegalArgumentException("--sizes: " + s + " must be >= 16 with an even heatmap side size/"
            + ratio + " (e.g. 64, 128, 256)");
      }
    }
    if (batch < 1 || steps < 1 || warmup < 0) {
      throw new IllegalArgumentException("--batch and --steps must be >= 1, --warmup >= 0");
    }
    if (stacks < 1 || depth < 1 || channels < 4 || channels % 2 != 0) {
      throw new IllegalArgumentException("--stacks and --depth must be >= 1, --channels even and >= 4");
    }
    for (String e : engines) {
      if (!e.equals("mxnet") && !e.equals("pytorch")) {
        throw new IllegalArgumentException("--engines: '" + e + "' is not one of [mxnet, pytorch]");
      }
    }
    if (graphs.isEmpty() || graphs.stream().anyMatch(g -> !dev.sa.app.config.ConfigChoice.names(dev.sa.app.config.Choices.GraphMode.class).contains(g))
        || graphs.stream().distinct().count() != graphs.size()) {
      throw new IllegalArgumentException("--graphs: give distinct values of " + dev.sa.app.config.ConfigChoice.names(dev.sa.app.config.Choices.GraphMode.class) + ", got " + graphs);
    }
    if (atThreads.isEmpty() || atThreads.stream().anyMatch(t -> t < 1)) {
      throw new IllegalArgumentException("--at-threads: give thread counts >= 1, or 0 for every core, e.g. 1,0");
    }
    if (peakSize < 16) {
      throw new IllegalArgumentException("--peak-size: must be >= 16, got " + peakSize);
    }
    if (memoryEpochs < 3 || memoryFaces < 1 || faces < 0 || threads < 0) {
      throw new IllegalArgumentException("--memory-epochs must be >= 3, --memory-faces >= 1, --faces and --threads"
          + " >= 0");
    }
  }

  /** The parts that run once per thread count of {@link #atThreads}. */
  static final Set<Part> PER_THREADS = EnumSet.of(Part.PEAK, Part.MODEL, Part.PREDICT);

  /** The arguments of a child that profiles the fixed hourglass at {@code threads} (see {@link Part#PROFILE}). */
  public List<String> profileArgs(int threads, Path out) {
    List<String> a = new ArrayList<>(childArgs(threads, out));
    int parts = a.indexOf("--parts");
    a.set(parts + 1, "profile");
    return a;
  }

  /**
   * The arguments of {@code sa bench} that run this bench's per-thread-count parts at
   * {@code threads} into {@code out} (for a child process with OMP_NUM_THREADS set).
   */
  public List<String> childArgs(int threads, Path out) {
    List<String> a = new ArrayList<>(List.of("bench", "--at-threads", "" + threads, "--threads", "" + threads,
        "--out", out.toString(), "--sizes", join(sizes), "--ratio", "" + ratio, "--batch", "" + batch,
        "--stacks", "" + stacks, "--depth", "" + depth, "--channels", "" + channels, "--steps", "" + steps,
        "--warmup", "" + warmup, "--engines", String.join(",", engines), "--graphs", String.join(",", graphs),
        "--peak-size", "" + peakSize));
    List<String> chosen = new ArrayList<>();
    for (Part p : parts) {
      if (PER_THREADS.contains(p)) {
        chosen.add(p.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    a.addAll(List.of("--parts", String.join(",", chosen)));
    if (norm != null) {
      a.addAll(List.of("--norm", norm));
    }
    for (String s : sets) {
      a.addAll(List.of("--set", s));
    }
    if (config != null) {
      a.add(config.toAbsolutePath().toString());
    }
    return a;
  }

  private static String join(List<Integer> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  /** Whether {@code part} runs. */
  public boolean runs(Part part) {
    return parts.contains(part);
  }

  /**
   * The intra-op thread count: {@link #threads}, else what MXNet runs with ({@link #mxnetThreads}), so every engine and the baseline run with the same count.
   */
  public int effectiveThreads() {
    if (threads > 0) {
      return threads;
    }
    return mxnetThreads();
  }

  /**
   * The threads MXNet runs with in this process: those the app set before the engine loaded
   * ({@link dev.sa.app.train.EngineThreads}: OMP_NUM_THREADS when set, else every core).
   */
  public static int mxnetThreads() {
    return dev.sa.app.train.EngineThreads.current().orElseGet(() -> dev.sa.app.train.EngineThreads.planned(0, false))
        .threads();
  }
}
