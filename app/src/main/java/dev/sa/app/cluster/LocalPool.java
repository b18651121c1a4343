package dev.sa.app.cluster;

import dev.sa.api.SaException;
import dev.sa.app.run.Experiment;
import dev.sa.app.run.Progress;
import dev.sa.app.train.EngineThreads;
import dev.sa.support.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code sa run} on a machine with several cores: the run's parts ({@link ClusterRun#jobs}: the
 * baselines, then the variants after their baseline, for every seed) run as child processes side by
 * side, each a {@code sa run --resume DIR --part P} with its share of the cores; the caller merges
 * them afterwards, as a cluster run's last job does.
 *
 * <p>Why processes and not more engine threads: at the sizes this tool trains on a CPU, MXNet gains
 * little from a second thread inside one training step (at 64 px one thread was faster than two),
 * while two processes with one thread each train two parts at once (docs/findings.md, "parts side
 * by side"). The threads of a part depend only on the run's plan, never on timing: every part of a
 * level (the baselines, or the parts after them) gets {@code cores / min(jobs, parts in the level)}
 * threads, so that a run resumed after a kill computes every part as the uninterrupted one would.
 */
public final class LocalPool {

  /** {@link #perPart} for no limit: every part takes its share of the cores. */
  public static final int NO_LIMIT = Integer.MAX_VALUE;

  private LocalPool() {}

  /**
   * The engine threads of every part job: a part in a level of {@code w} parts gets
   * {@code max(1, cores / min(maxJobs, w))}, at most {@code perPart}. Levels: parts without a
   * dependency (baselines), parts after one.
   */
  static Map<String, Integer> threads(List<Job> parts, int cores, int maxJobs, int perPart) {
    int first = baselines(parts);
    int second = parts.size() - first;
    Map<String, Integer> threads = new LinkedHashMap<>();
    for (Job j : parts) {
      int width = j.after().isEmpty() ? first : second;
      threads.put(j.name(), Math.min(perPart, Math.max(1, cores / Math.max(1, Math.min(maxJobs, width)))));
    }
    return threads;
  }

  /**
   * The most engine threads a part may take: one where the run's threads are every core
   * ({@link EngineThreads#CORES}) and every variant trains small batches
   * ({@link EngineThreads#smallStep}), else no limit.
   */
  public static int perPart(EngineThreads.Applied planned, boolean smallSteps) {
    return planned.source().equals(EngineThreads.CORES) && smallSteps ? 1 : NO_LIMIT;
  }

  /** The parts of the first level: those that wait for no other part (baselines). */
  private static int baselines(List<Job> parts) {
    return (int) parts.stream().filter(j -> j.after().isEmpty()).count();
  }

  /** The processes a run may start: {@code jobs} (0 = one per core), never more than the cores. */
  public static int maxJobs(int jobs, int cores) {
    return Math.max(1, jobs == 0 ? cores : Math.min(jobs, cores));
  }

  /**
   * Whether running the parts of {@code jobs} (a run's {@link ClusterRun#jobs}) side by side gains
   * anything: two processes or more, and a level with two parts or more.
   */
  public static boolean worthIt(List<Job> jobs, int maxJobs) {
    List<Job> parts = partsOf(jobs);
    if (maxJobs < 2) {
      return false;
    }
    int first = baselines(parts);
    return first >= 2 || parts.size() - first >= 2;
  }

  /** The part jobs of a run's job list (those a merge job does not stand for). */
  static List<Job> partsOf(List<Job> jobs) {
    List<Job> parts = new ArrayList<>();
    for (Job j : jobs) {
      if (j.part() != null) {
        parts.add(j);
      }
    }
    return parts;
  }

  /**
   * Runs the part jobs of {@code jobs} that are not {@code done}, at most {@code maxJobs} at once and
   * never more threads at once than {@code cores}, each with the threads of {@link #threads}. Each
   * part's output goes to {@code <its run folder>/parts/<part>.log} and, line by line with the part's
   * name, to {@code progress}. Returns false when nothing ran side by side (the caller does the work
   * in its own process as before); throws when a part failed, after the parts still running ended.
   *
   * @param perPart the most engine threads a part may take (the small-step rule of
   *     {@link EngineThreads}; {@link #NO_LIMIT} for none)
   * @param launcher the command that starts {@code sa} ({@link JobScripts#currentLauncher()})
   */
  public static boolean run(List<Job> jobs, Path runDir, int cores, int maxJobs, int perPart, Predicate<Job> done,
      List<String> launcher, Progress progress) throws IOException {
    if (!worthIt(jobs, maxJobs)) {
      return false;
    }
    List<Job> parts = partsOf(jobs);
    Map<String, Integer> threads = threads(parts, cores, maxJobs, perPart);
    Set<String> finished = new HashSet<>();
    List<Job> waiting = new ArrayList<>();
    for (Job j : parts) {
      if (done.test(j)) {
        finished.add(j.name());
      } else {
        waiting.add(j);
      }
    }
    if (waiting.isEmpty()) {
      return true;
    }
    progress.info(String.format(Locale.ROOT, "running %d part(s) side by side: up to %d processes on %d core(s); "
        + "each part's log in <run>/%s/<part>.log", waiting.size(), maxJobs, cores, Experiment.PARTS));
    String failure = schedule(waiting, finished, threads, cores, maxJobs, launcher, progress, runDir);
    if (failure != null) {
      throw SaException.runtime(failure, null);
    }
    return true;
  }

  /**
   * Starts the {@code waiting} parts whose dependencies are {@code finished} while processes and
   * threads are free, until every part ended or a failure stopped new starts; records each ended
   * part in its folder's {@code parts/jobs.csv}. Returns the first failure's message, or null.
   */
  private static String schedule(List<Job> waiting, Set<String> finished, Map<String, Integer> threads, int cores,
      int maxJobs, List<String> launcher, Progress progress, Path runDir) throws IOException {
    Map<Job, Running> running = new java.util.concurrent.ConcurrentHashMap<>();
    // A stopped pool stops its parts at once: a part killed at any moment resumes from its last
    // checkpoint (the same guarantee as kill -9 of a whole run), and a JVM asked to end politely
    // was once seen to train on for minutes.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> running.values().forEach(r -> r.process.destroyForcibly())));
    String failure = null;
    Map<Path, List<String>> record = new LinkedHashMap<>();
    try {
      while (!waiting.isEmpty() || !running.isEmpty()) {
        int busy = running.values().stream().mapToInt(r -> r.threads).sum();
        for (var it = waiting.iterator(); failure == null && it.hasNext();) {
          Job j = it.next();
          int t = threads.get(j.name());
          if (running.size() < maxJobs && busy + t <= cores && finished.containsAll(j.after())) {
            running.put(j, start(j, t, launcher, progress));
            busy += t;
            it.remove();
          }
        }
        if (running.isEmpty()) {
          break;   // a failure stopped new starts, or the remaining parts wait on one that failed
        }
        Job ended = waitForOne(running);
        Running r = running.remove(ended);
        int exit = r.process.exitValue();
        r.relay.join(5000);
        double seconds = (System.nanoTime() - r.started) / 1e9;
        record.computeIfAbsent(ended.folder(), f -> new ArrayList<>()).add(ended.part() + "," + r.threads + ","
            + String.format(Locale.ROOT, "%.1f", seconds) + "," + exit);
        if (exit == 0) {
          finished.add(ended.name());
          progress.info(String.format(Locale.ROOT, "part %s done in %s (%d thread%s)", ended.name(),
              Progress.duration(seconds), r.threads, r.threads == 1 ? "" : "s"));
        } else if (failure == null) {
          failure = "part " + ended.name() + " failed (exit " + exit + "); its log: " + r.log
              + "; 'sa run --resume " + runDir + "' continues the run";
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.values().forEach(r -> r.process.destroyForcibly());
      throw SaException.runtime("interrupted while parts of " + runDir + " ran", e);
    } finally {
      for (Map.Entry<Path, List<String>> e : record.entrySet()) {
        writeRecord(e.getKey(), e.getValue());
      }
    }
    return failure;
  }

  /** The record of the parts a pool ran in a (one-seed) run folder: part, threads, seconds, exit. */
  public static Path record(Path folder) {
    return folder.resolve(Experiment.PARTS).resolve(Experiment.PART_RECORD);
  }

  private record Running(Process process, Thread relay, int threads, long started, Path log) {}

  private static Running start(Job job, int threads, List<String> launcher, Progress progress) throws IOException {
    Path folder = job.folder();
    String part = job.part();
    Path logDir = folder.resolve(Experiment.PARTS);
    Files.createDirectories(logDir);
    Path log = logDir.resolve(part + ".log");
    List<String> cmd = new ArrayList<>(launcher);
    cmd.addAll(job.saArgs());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put(EngineThreads.POOL_VARIABLE, Integer.toString(threads));
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    long started = System.nanoTime();
    Process p = pb.start();
    progress.info("part " + job.name() + " started (" + threads + " thread" + (threads == 1 ? "" : "s") + ", pid "
        + p.pid() + ")");
    Thread relay = new Thread(() -> relay(p, log, job.name(), progress), "relay-" + job.name());
    relay.setDaemon(true);
    relay.start();
    return new Running(p, relay, threads, started, log);
  }

  /** Copies a part's output to its log and, prefixed with its name, to the user. */
  private static void relay(Process p, Path log, String name, Progress progress) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.println(line);
        out.flush();
        progress.relay("[" + name + "] " + line);
      }
    } catch (IOException e) {
      progress.relay("[" + name + "] (output lost: " + e.getMessage() + ")");
    }
  }

  private static Job waitForOne(Map<Job, Running> running) throws InterruptedException {
    while (true) {
      for (Map.Entry<Job, Running> e : running.entrySet()) {
        if (!e.getValue().process.isAlive()) {
          return e.getKey();
        }
      }
      Thread.sleep(200);
    }
  }

  /** Appends parts that ended (part, threads, seconds, exit) to {@code <run folder>/parts/jobs.csv}. */
  private static void writeRecord(Path folder, List<String> rows) throws IOException {
    Path file = record(folder);
    Files.createDirectories(file.getParent());
    List<String> lines = new ArrayList<>();
    if (Files.exists(file)) {
      lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
    } else {
      lines.add("part,threads,seconds,exit");
    }
    lines.addAll(rows);
    AtomicFiles.writeString(file, String.join("\n", lines) + "\n");
  }
}
