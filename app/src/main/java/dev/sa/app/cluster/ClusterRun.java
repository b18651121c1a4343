package dev.sa.app.cluster;

import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Progress;
import dev.sa.app.run.RunFolder;
import dev.sa.app.run.RunService;
import dev.sa.app.seeds.SeedRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sa run --executor slurm}: the run folder is made (and checked) here, then its work is
 * submitted as jobs that run this same {@code sa} with {@code --resume} on the shared folder: one
 * job per seed (each seed's run folder has its own lock, so they run side by side), then one job
 * that merges the seeds and writes the report. A one-seed run is one job. The results are those a
 * local run gives: each job is a resume of the folder the local run would make.
 */
public final class ClusterRun {
  /** The job of a one-seed run. */
  static final String RUN = "run";
  /** The job that merges the seeds of a multi-seed run and writes its report. */
  static final String REPORT = "report";

  private ClusterRun() {}

  /** The jobs of a run folder, in dependency order. */
  public static List<Job> jobs(Path runDir, List<Long> seeds, List<String> globalArgs) {
    String dir = runDir.toAbsolutePath().toString();
    List<Job> jobs = new ArrayList<>();
    if (seeds.isEmpty()) {
      jobs.add(new Job(RUN, args(globalArgs, "run", "--resume", dir), List.of()));
      return jobs;
    }
    List<String> all = new ArrayList<>();
    for (long s : seeds) {
      String name = SeedRuns.PREFIX + s;
      jobs.add(new Job(name, args(globalArgs, "run", "--resume", SeedRuns.seedDir(runDir, s).toAbsolutePath().toString()),
          List.of()));
      all.add(name);
    }
    jobs.add(new Job(REPORT, args(globalArgs, "run", "--resume", dir), all));
    return jobs;
  }

  /** Whether a job's work is complete in the run folder. */
  public static boolean done(Path runDir, Job job) {
    if (job.name().equals(RUN) || job.name().equals(REPORT)) {
      return Files.exists(runDir.resolve("metrics.csv")) && Files.exists(runDir.resolve("report/report.html"));
    }
    return Files.exists(runDir.resolve(job.name()).resolve("metrics.csv"));
  }

  /**
   * Makes the run folder (a new run) and submits what is missing. With {@code dryRun} nothing is
   * written or submitted: the scripts and their order are printed.
   */
  public static Map<String, String> submit(ConfigLoader.Loaded loaded, PluginHost host, Path runDir, boolean newRun,
      SlurmSettings settings, List<String> globalArgs, boolean dryRun, PrintWriter out, Progress progress)
      throws IOException {
    Slurm slurm = new Slurm();
    if (!dryRun) {
      slurm.requireAvailable();
    }
    List<Long> seeds = loaded.config().seeds();
    if (newRun && dryRun) {
      RunFolder.checkNew(runDir);
    } else if (newRun && seeds.isEmpty()) {
      RunService.run(loaded, host, runDir, out, progress, false, RunService.Mode.PREPARE);
    } else if (newRun) {
      SeedRuns.run(loaded, host, runDir, out, progress, false, RunService.Mode.PREPARE);
    }
    SlurmExecutor executor = new SlurmExecutor(slurm, new JobScripts(settings, JobScripts.currentLauncher()));
    List<Job> jobs = jobs(runDir, seeds, globalArgs);
    Map<String, String> ids = executor.submit(jobs, runDir, loaded.config().name(), j -> done(runDir, j), dryRun, out);
    if (!dryRun) {
      out.println(ids.isEmpty() ? "nothing to submit: every job's work is in " + runDir
          : "submitted " + ids.size() + " job(s): " + ids + "; follow them with: sa status " + runDir);
    }
    out.flush();
    return ids;
  }

  private static List<String> args(List<String> global, String... rest) {
    List<String> a = new ArrayList<>(global);
    a.addAll(List.of(rest));
    return a;
  }
}
