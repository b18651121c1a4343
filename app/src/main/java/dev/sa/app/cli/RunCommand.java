package dev.sa.app.cli;

import dev.sa.api.SaException;
import dev.sa.app.cluster.ClusterRun;
import dev.sa.app.cluster.Job;
import dev.sa.app.cluster.JobScripts;
import dev.sa.app.cluster.LocalPool;
import dev.sa.app.cluster.SlurmSettings;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Progress;
import dev.sa.app.run.RunExtension;
import dev.sa.app.run.RunService;
import dev.sa.app.seeds.SeedRuns;
import dev.sa.app.train.EngineThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sa run [CONFIG]}: the whole pipeline, from training to the report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a whole experiment: train, align, evaluate, report.",
        "Trains the baseline, runs Semantic Alignment for every variant, evaluates them and writes the report.",
        "Without CONFIG, runs the built-in quick-start on synthetic faces (about 5 min on a 2-core CPU: 291-308 s, 2026-12-08)."})
public final class RunCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Mixin
  ConfigArgs args;

  @Option(names = "--resume", paramLabel = "RUN_DIR", description = {"Continue an interrupted run in its folder.",
      "With a CONFIG (or --set) that only adds variants at the end of the run's list: train just those, keeping"
          + " the run's baselines and variants."})
  Path resume;

  @Option(names = "--seeds", paramLabel = "N",
      description = "Repeat the run with N seeds: seed, seed+1, ..., seed+N-1 (the same as seeds: [...] in the config).")
  Integer seeds;

  /** Where the work runs. */
  enum Executor { local, slurm }

  @Option(names = "--executor", paramLabel = "WHERE", defaultValue = "local",
      description = "local (default): here, now; slurm: submit the run's jobs to a Slurm cluster (a shared folder; see README).")
  Executor executor;

  @Option(names = "--slurm-options", paramLabel = "FILE",
      description = "With --executor slurm: a YAML file of job settings (partition, account, time, cpusPerTask, memory, gpus, extra, prelude).")
  Path slurmOptions;

  @Option(names = "--part", paramLabel = "PART", hidden = true,
      description = "With --resume: do one part of the run (a cluster job's share: baseline-<key> or variant-<slug>).")
  String part;

  @Option(names = "--dry-run", description = "With --executor slurm: print the job scripts and their order; submit nothing.")
  boolean dryRun;

  @Option(names = "--jobs", paramLabel = "N",
      description = {"Processes that run the run's parts (baselines, variants, seeds) side by side, sharing the"
          + " engine threads: 0 = one per thread, 1 = all in this process (default: the config's jobs, 0).",
          "Allowed with --resume."})
  Integer jobs;

  @Override
  public Integer call() throws Exception {
    ConfigLoader.Loaded loaded;
    ConfigLoader.Loaded extension = null;
    Path runDir;
    if (resume != null) {
      if (args.out != null || seeds != null) {
        throw SaException.invalidInput("--resume takes no --seeds or --out: the run folder holds its config"
            + " (a CONFIG or --set with --resume may only add variants or change train.collapseRatio)");
      }
      Path resolved = resume.resolve(ConfigLoader.RESOLVED);
      if (!Files.isRegularFile(resolved)) {
        throw SaException.invalidInput(resume + ": not a run folder (no resolved-config.yaml)");
      }
      extension = args.any() ? args.load() : null;
      loaded = ConfigLoader.load(resolved, List.of());
      runDir = resume;
    } else {
      loaded = args.load();
      if (seeds != null) {
        loaded = withSeeds(loaded, seeds);
      }
      runDir = args.runDir(loaded);
    }
    if (executor == Executor.local && (slurmOptions != null || dryRun)) {
      throw SaException.invalidInput((slurmOptions != null ? "--slurm-options" : "--dry-run") + " needs --executor slurm");
    }
    if (jobs != null && (jobs < 0 || executor == Executor.slurm)) {
      throw SaException.invalidInput("--jobs " + jobs + ": " + (jobs < 0 ? "expected 0 (one process per thread) or more"
          : "only with the local executor (a cluster runs every part as a job of its own)"));
    }
    if (part != null && (resume == null || extension != null || executor == Executor.slurm || !loaded.config().seeds().isEmpty())) {
      throw SaException.invalidInput("--part " + part + ": needs --resume on a one-seed run folder (RUN/seed-<s> of a"
          + " multi-seed run), no CONFIG or --set, and the local executor");
    }
    SlurmSettings settings = slurmOptions == null ? SlurmSettings.none() : SlurmSettings.read(slurmOptions);
    try (PluginHost host = root.openPlugins()) {
      Progress progress = new Progress(root.err, Progress.isTerminal());
      if (extension != null) {
        RunExtension.extend(runDir, extension, host, progress::info);
        loaded = ConfigLoader.load(runDir.resolve(ConfigLoader.RESOLVED), List.of());
      }
      if (executor == Executor.slurm) {
        ClusterRun.submit(loaded, host, runDir, resume == null, settings, root.jobArgs(), dryRun, root.out, progress);
        return 0;
      }
      RunService.Mode mode = resume != null ? RunService.Mode.RESUME : RunService.Mode.NEW;
      if (part == null && runPartsSideBySide(loaded, host, runDir, mode, progress)) {
        mode = RunService.Mode.RESUME;   // every part is done: merge them here
      }
      if (loaded.config().seeds().isEmpty()) {
        RunService.run(loaded, host, runDir, root.out, progress, true, mode, part);
      } else {
        SeedRuns.run(loaded, host, runDir, root.out, progress, true, mode);
      }
    }
    return 0;
  }

  /**
   * With more than one process allowed ({@code jobs}) and parts that can run at once: makes the run
   * folder (a new run), runs the missing parts in child processes ({@link LocalPool}) and returns
   * true; the caller merges. Otherwise false: the whole run goes on in this process.
   */
  private boolean runPartsSideBySide(ConfigLoader.Loaded loaded, PluginHost host, Path runDir, RunService.Mode mode,
      Progress progress) throws java.io.IOException {
    EngineThreads.Applied planned = EngineThreads.planned(loaded.config().threads(), false);
    int threads = planned.threads();
    int maxJobs = LocalPool.maxJobs(jobs != null ? jobs : loaded.config().jobs(), threads);
    if (maxJobs < 2) {
      return false;
    }
    List<Job> all = ClusterRun.jobs(runDir, loaded, host, root.jobArgs());
    if (!LocalPool.worthIt(all, maxJobs)) {
      return false;
    }
    if (mode == RunService.Mode.NEW && loaded.config().seeds().isEmpty()) {
      RunService.run(loaded, host, runDir, root.out, progress, false, RunService.Mode.PREPARE);
    } else if (mode == RunService.Mode.NEW) {
      SeedRuns.run(loaded, host, runDir, root.out, progress, false, RunService.Mode.PREPARE);
    }
    return LocalPool.run(all, runDir, threads, maxJobs, LocalPool.perPart(planned, RunService.smallSteps(loaded)),
        j -> ClusterRun.done(runDir, j),
        JobScripts.currentLauncher(), progress);
  }

  /** {@code --seeds N}: the config with {@code seeds: [seed, ..., seed+N-1]} (N = 1: the one seed). */
  private ConfigLoader.Loaded withSeeds(ConfigLoader.Loaded loaded, int n) {
    if (n < 1 || n > 1000) {
      throw SaException.invalidInput("--seeds " + n + ": expected a number of seeds 1..1000");
    }
    List<String> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Long.toString(loaded.config().seed() + i));
    }
    return args.load("seeds=[" + (n == 1 ? "" : String.join(",", list)) + "]");
  }
}
