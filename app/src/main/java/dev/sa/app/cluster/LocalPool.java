package dev.sa.app.cluster;

import dev.sa.api.SaException;
import dev.sa.app.run.Experiment;
import dev.sa.app.run.Progress;
import dev.sa.app.train.EngineThreads;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
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
 * baselines, then the variants after their baseline, for every seed) run in child processes side by
 * side, each part a {@code sa run --resume DIR --part P} with its share of the cores; the caller
 * merges them afterwards, as a cluster run's last job does. A child process takes the next part
 * with its thread count when its part is done ({@link PartWorker}), so that only the first part of
 * each process pays for the JVM's start and the engine's warm-up.
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
   *
   * <p>A part goes to an idle worker process with its thread count if there is one
   * ({@link PartWorker}: the JVM and the engine's kernels are warm), else to a new one; at most
   * {@code maxJobs} workers live at once, so an idle worker with another count ends first.
   */
  private static String schedule(List<Job> waiting, Set<String> finished, Map<String, Integer> threads, int cores,
      int maxJobs, List<String> launcher, Progress progress, Path runDir) throws IOException {
    Map<Job, WorkerProcess> running = new LinkedHashMap<>();
    String failure = null;
    Map<Path, List<String>> record = new LinkedHashMap<>();
    try (WorkerProcess.Workers workers = new WorkerProcess.Workers(launcher, maxJobs, progress)) {
      while (!waiting.isEmpty() || !running.isEmpty()) {
        int busy = running.values().stream().mapToInt(WorkerProcess::threads).sum();
        for (var it = waiting.iterator(); failure == null && it.hasNext();) {
          Job j = it.next();
          int t = threads.get(j.name());
          if (running.size() < maxJobs && busy + t <= cores && finished.containsAll(j.after())) {
            WorkerProcess w = workers.take(t, running.size());
            w.assign(j);
            progress.info("part " + j.name() + " started (" + t + " thread" + (t == 1 ? "" : "s") + ", pid " + w.pid()
                + (w.partsBefore() > 0 ? ", a process that ran " + w.partsBefore() + " part(s) before" : "") + ")");
            running.put(j, w);
            busy += t;
            it.remove();
          }
        }
        if (running.isEmpty()) {
          break;   // a failure stopped new starts, or the remaining parts wait on one that failed
        }
        WorkerProcess.Ended e = workers.next();
        running.remove(e.job());
        record.computeIfAbsent(e.job().folder(), f -> new ArrayList<>()).add(e.job().part() + ","
            + e.worker().threads() + "," + String.format(Locale.ROOT, "%.1f", e.seconds()) + "," + e.exit());
        if (e.exit() == 0) {
          finished.add(e.job().name());
          workers.release(e.worker());
          progress.info(String.format(Locale.ROOT, "part %s done in %s (%d thread%s)", e.job().name(),
              Progress.duration(e.seconds()), e.worker().threads(), e.worker().threads() == 1 ? "" : "s"));
        } else {
          e.worker().close();   // a failed part's process takes no other part
          if (failure == null) {
            failure = "part " + e.job().name() + " failed (exit " + e.exit() + "); its log: " + e.log()
                + "; 'sa run --resume " + runDir + "' continues the run";
          }
        }
      }
      workers.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
