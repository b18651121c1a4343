package dev.sa.app.cluster;

import dev.sa.api.SaException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Submits a run's jobs to Slurm in dependency order ({@code afterok}), skipping those whose work is
 * already in the run folder or that are still queued or running, and records them in
 * {@code RUN/slurm/jobs.csv}. All or nothing: when a submission is rejected, the jobs this call
 * queued are cancelled and the record is left as it was.
 */
public final class SlurmExecutor {
  /** The folder of scripts, logs and the job record inside a run folder. */
  public static final String DIR = "slurm";
  static final String RECORD = "jobs.csv";

  private final Slurm slurm;
  private final JobScripts scripts;

  public SlurmExecutor(Slurm slurm, JobScripts scripts) {
    this.slurm = slurm;
    this.scripts = scripts;
  }

  /**
   * Submits what is missing; {@code done} tells which jobs' work is complete in the run folder.
   * With {@code dryRun} prints the scripts and the graph and submits nothing. Returns the job ids
   * submitted by this call, by job name.
   */
  public Map<String, String> submit(List<Job> jobs, Path runDir, String runName, Predicate<Job> done, boolean dryRun,
      PrintWriter out) throws IOException {
    checkOrder(jobs);
    Path dir = runDir.resolve(DIR);
    Map<String, String> known = readRecord(dir);
    Map<String, Slurm.JobState> states = dryRun || known.isEmpty() ? Map.of() : slurm.states(new ArrayList<>(known.values()));
    Map<String, String> pending = new LinkedHashMap<>();   // name -> id of jobs to wait for
    Map<String, String> submitted = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    int next = 1;
    try {
      for (Job job : jobs) {
        String old = known.get(job.name());
        if (done.test(job)) {
          skipped.add(job.name() + " (done)");
          continue;
        }
        if (old != null && states.containsKey(old) && states.get(old).alive()) {
          pending.put(job.name(), old);
          skipped.add(job.name() + " (job " + old + " " + states.get(old).state().toLowerCase() + ")");
          continue;
        }
        List<String> after = waitFor(job, pending);
        String script = scripts.render(job, runName, dir);
        if (dryRun) {
          String id = "<" + (next++) + ">";
          out.println("# job " + id + " " + job.name() + (after.isEmpty() ? "" : ", after " + String.join(", ", after)));
          out.print(script);
          out.println();
          pending.put(job.name(), id);
          continue;
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(job.name() + ".sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        String id = slurm.submit(file, after);
        pending.put(job.name(), id);
        submitted.put(job.name(), id);
      }
    } catch (RuntimeException e) {
      slurm.cancel(new ArrayList<>(submitted.values()));
      if (!submitted.isEmpty()) {
        out.println("cancelled the " + submitted.size() + " job(s) this call had queued: " + String.join(", ", submitted.values()));
      }
      throw e;
    }
    if (!dryRun && !submitted.isEmpty()) {
      Map<String, String> record = new LinkedHashMap<>(known);
      record.putAll(submitted);
      writeRecord(dir, record);
    }
    if (!skipped.isEmpty()) {
      out.println("not submitted: " + String.join(", ", skipped));
    }
    return submitted;
  }

  /** The ids of the jobs {@code job} must wait for: its dependencies that are queued or running. */
  private static List<String> waitFor(Job job, Map<String, String> pending) {
    List<String> after = new ArrayList<>();
    for (String d : job.after()) {
      if (pending.containsKey(d)) {
        after.add(pending.get(d));
      }
    }
    return after;
  }

  /** Every dependency names an earlier job. */
  static void checkOrder(List<Job> jobs) {
    List<String> seen = new ArrayList<>();
    for (Job j : jobs) {
      if (seen.contains(j.name())) {
        throw new IllegalArgumentException("two jobs named " + j.name());
      }
      for (String d : j.after()) {
        if (!seen.contains(d)) {
          throw new IllegalArgumentException(j.name() + " depends on " + d + ", which is not an earlier job");
        }
      }
      seen.add(j.name());
    }
  }

  /** Job name -> last submitted id, from {@code RUN/slurm/jobs.csv}; empty when none. */
  public static Map<String, String> readRecord(Path slurmDir) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    Path f = slurmDir.resolve(RECORD);
    if (!Files.isRegularFile(f)) {
      return m;
    }
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String[] p = lines.get(i).split(",");
      if (p.length != 2) {
        throw SaException.invalidInput(f + ":" + (i + 1) + ": expected 'job,id'");
      }
      m.put(p[0], p[1]);
    }
    return m;
  }

  private static void writeRecord(Path dir, Map<String, String> record) throws IOException {
    StringBuilder s = new StringBuilder("job,id\n");
    record.forEach((k, v) -> s.append(k).append(',').append(v).append('\n'));
    Path tmp = dir.resolve(RECORD + ".tmp");
    Files.writeString(tmp, s.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, dir.resolve(RECORD), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
