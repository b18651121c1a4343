package dev.sa.app.cluster;

import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Experiment;
import dev.sa.app.run.ExperimentPlan;
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
import java.util.function.Function;

/**
 * {@code sa run --executor slurm}: the run folder is made (and checked) here, then its work is
 * submitted as jobs that run this same {@code sa} with {@code --resume} on the shared folder: per
 * seed one job per baseline, one per variant part after its baseline (each part holds its own lock,
 * so parts run side by side), one that merges the seed's parts; for several seeds a last job merges
 * the seeds and writes the report. The results are those a local run gives: each job is a resume
 * of the folder the local run would make, doing only its share.
 */
public final class ClusterRun {
  /** The job of a one-seed run. */
  static final String RUN = "run";
  /** The job that merges the seeds of a multi-seed run and writes its report. */
  static final String REPORT = "report";

  private ClusterRun() {}

  /**
   * The jobs of a run folder, in dependency order: per seed (or for the one-seed run) one job per
   * baseline, one per variant part after its baseline ({@link ExperimentPlan.Part}), then a job
   * that merges the seed's parts into its tables; for a multi-seed run a last job merges the seeds
   * and writes the report.
   *
   * @param parts the parts of the plan of a seed (null: the one-seed run)
   */
  public static List<Job> jobs(Path runDir, List<Long> seeds, Function<Long, List<ExperimentPlan.Part>> parts,
      List<String> globalArgs) {
    List<Job> jobs = new ArrayList<>();
    if (seeds.isEmpty()) {
      jobs.addAll(seedJobs(runDir, "", RUN, parts.apply(null), globalArgs));
      return jobs;
    }
    List<String> all = new ArrayList<>();
    for (long s : seeds) {
      String name = RunFolder.SEED_PREFIX + s;
      jobs.addAll(seedJobs(RunFolder.seedDir(runDir, s), name + ".", name, parts.apply(s), globalArgs));
      all.add(name);
    }
    jobs.add(new Job(REPORT, args(globalArgs, "run", "--resume", runDir.toAbsolutePath().toString()), all));
    return jobs;
  }

  /** The jobs of a run folder whose config is {@code loaded} (its plan's parts from the plugins). */
  public static List<Job> jobs(Path runDir, ConfigLoader.Loaded loaded, PluginHost host, List<String> globalArgs) {
    return jobs(runDir, loaded.config().seeds(), seed -> ExperimentPlan.of(seed == null ? loaded
        : loaded.forSeed(seed), host).parts(), globalArgs);
  }

  private static List<Job> seedJobs(Path dir, String prefix, String mergeName, List<ExperimentPlan.Part> parts,
      List<String> globalArgs) {
    String d = dir.toAbsolutePath().toString();
    List<Job> jobs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ExperimentPlan.Part p : parts) {
      List<String> after = p.after() == null ? List.of() : List.of(prefix + p.after());
      jobs.add(new Job(prefix + p.name(), args(globalArgs, "run", "--resume", d, "--part", p.name()), after));
      names.add(prefix + p.name());
    }
    jobs.add(new Job(mergeName, args(globalArgs, "run", "--resume", d), names));
    return jobs;
  }

  /** Whether a job's work is complete in the run folder. */
  public static boolean done(Path runDir, Job job) {
    String name = job.name();
    if (name.equals(RUN) || name.equals(REPORT)) {
      return Files.exists(runDir.resolve("metrics.csv")) && Files.exists(runDir.resolve("report/report.html"));
    }
    int dot = name.indexOf('.');
    if (name.startsWith(RunFolder.SEED_PREFIX) && dot < 0) {
      return Files.exists(runDir.resolve(name).resolve("metrics.csv"));
    }
    Path dir = dot < 0 ? runDir : runDir.resolve(name.substring(0, dot));
    return Files.exists(dir.resolve(Experiment.PARTS).resolve(name.substring(dot + 1) + ".done"));
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
    List<Job> jobs = jobs(runDir, loaded, host, globalArgs);
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
