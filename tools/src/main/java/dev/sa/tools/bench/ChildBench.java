package dev.sa.tools.bench;

import dev.sa.api.SaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the per-thread-count parts of {@code sa bench} in a child process at another engine
 * thread count: MXNet reads OMP_NUM_THREADS once per process, so one process cannot time both
 * one core and every core. The child is this same {@code sa} with OMP_NUM_THREADS set; its
 * figures come back through its {@code bench.csv}.
 */
final class ChildBench {
  /** Set in the child's environment, so that it never starts a child of its own. */
  static final String MARK = "SA_BENCH_CHILD";
  /** Set in a child that profiles operators ({@link OperatorProfile#ENVIRONMENT}). */
  static final String PROFILE_MARK = "SA_BENCH_PROFILE";

  private ChildBench() {}

  /** Whether this process is such a child. */
  static boolean isChild() {
    return System.getenv(MARK) != null;
  }

  /** Whether this process is a child that profiles operators. */
  static boolean isProfiler() {
    return System.getenv(PROFILE_MARK) != null;
  }

  /**
   * Runs {@code launcher} (the command that starts this {@code sa}, with its global options) on
   * the per-thread-count parts of {@code options} at {@code threads} and returns the child's rows
   * outside the {@code env} section; its output goes to {@code log} line by line.
   */
  static List<BenchTable.Row> run(List<String> launcher, BenchOptions options, int threads, Consumer<String> log,
      long timeoutSeconds) throws IOException {
    return run(launcher, options, threads, log, timeoutSeconds, false);
  }

  /**
   * Like {@link #run(List, BenchOptions, int, Consumer, long)}; with {@code profile} the child runs
   * only the operator profile, in MXNet's operator-by-operator mode ({@link OperatorProfile}).
   */
  static List<BenchTable.Row> run(List<String> launcher, BenchOptions options, int threads, Consumer<String> log,
      long timeoutSeconds, boolean profile) throws IOException {
    Path out = Files.createTempDirectory("sa-bench-threads");
    try {
      List<String> args = profile ? options.profileArgs(threads, out) : options.childArgs(threads, out);
      return run(launcher, args, threads, out, log, timeoutSeconds, profile ? OperatorProfile.ENVIRONMENT : Map.of());
    } finally {
      try (var files = Files.walk(out)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private static List<BenchTable.Row> run(List<String> launcher, List<String> benchArgs, int threads, Path out,
      Consumer<String> log, long timeoutSeconds, Map<String, String> env) throws IOException {
    List<String> cmd = new ArrayList<>(launcher);
    cmd.addAll(benchArgs);
    // Its table comes back as bench.csv; its progress lines (stderr) go to the log as they come.
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    pb.environment().put(MARK, "1");
    pb.environment().putAll(env);
    log.accept("child process at " + threads + " thread(s): OMP_NUM_THREADS=" + threads);
    Process p = pb.start();
    List<String> tail = new ArrayList<>();
    try (var reader = p.errorReader()) {
      String line;
      while ((line = reader.readLine()) != null) {
        log.accept("  [" + threads + " thread(s)] " + line);
        tail.add(line);
        if (tail.size() > 20) {
          tail.remove(0);
        }
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw SaException.runtime("sa bench: the child at " + threads + " thread(s) ran over " + timeoutSeconds + " s",
            null);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    Path csv = out.resolve("bench.csv");
    if (p.exitValue() != 0 || !Files.exists(csv)) {
      throw SaException.runtime("sa bench: the child at " + threads + " thread(s) failed (exit " + p.exitValue()
          + "):\n" + String.join("\n", tail), null);
    }
    List<BenchTable.Row> rows = new ArrayList<>();
    for (BenchTable.Row r : BenchTable.readCsv(csv)) {
      if (!r.section().equals("env")) {
        rows.add(r);
      }
    }
    return rows;
  }
}
