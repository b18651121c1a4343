package dev.sa.app.cli;

import dev.sa.api.SaException;
import dev.sa.app.cluster.ClusterRun;
import dev.sa.app.cluster.Job;
import dev.sa.app.cluster.Slurm;
import dev.sa.app.cluster.SlurmExecutor;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sa status RUN_DIR}: each cluster job of a run, its state in the scheduler and in the run folder. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show each part of a run as a job: its state in the scheduler (or running on this machine)"
        + " and whether its work is done.",
        "For runs submitted with 'sa run --executor slurm', and for runs whose parts run side by side here."
            + " Resubmit what failed or was cancelled with 'sa run --resume RUN_DIR [--executor slurm]'."})
public final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder.")
  Path runDir;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(runDir.resolve(ConfigLoader.RESOLVED))) {
      throw SaException.invalidInput(runDir + ": not a run folder (no resolved-config.yaml)");
    }
    Map<String, String> record = SlurmExecutor.readRecord(runDir.resolve(SlurmExecutor.DIR));
    List<Job> jobs;
    try (PluginHost host = root.openPlugins()) {
      jobs = ClusterRun.jobs(runDir, ConfigLoader.load(runDir.resolve(ConfigLoader.RESOLVED), List.of()), host,
          List.of());
    }
    Map<String, Slurm.JobState> states = record.isEmpty() || !slurmAvailable() ? Map.of()
        : new Slurm().states(new ArrayList<>(record.values()));
    int width = Math.max(40, jobs.stream().mapToInt(j -> j.name().length()).max().orElse(0) + 1);
    String format = "%-" + width + "s %-10s %-28s %s%n";
    root.out.printf(Locale.ROOT, format, "job", "id", "scheduler", "run folder");
    int missing = 0;
    for (Job j : jobs) {
      String id = record.getOrDefault(j.name(), "-");
      Slurm.JobState st = states.get(id);
      boolean done = ClusterRun.done(runDir, j);
      missing += done ? 0 : 1;
      String scheduler = record.containsKey(j.name()) ? (st == null ? "not known (finished long ago?)"
          : st.state().toLowerCase(Locale.ROOT) + (st.reason().equals("None") ? "" : " (" + st.reason() + ")"))
          : runningHere(j).map(pid -> "running here (pid " + pid + ")").orElse("not submitted");
      root.out.printf(Locale.ROOT, format, j.name(), id, scheduler, done ? "done" : "to do");
    }
    String resume = "sa run --resume " + runDir + (record.isEmpty() ? "" : " --executor slurm");
    root.out.println(missing == 0 ? "all done: " + runDir.resolve("report/report.html")
        : missing + " job(s) to do; if none is queued or running: " + resume);
    root.out.flush();
    return 0;
  }

  /**
   * The pid of the live process that holds a job's lock in this machine's view (a part run side by
   * side by {@code sa run}, or a whole run), if any: the lock file holds its holder's pid.
   */
  private static java.util.Optional<Long> runningHere(Job job) {
    if (job.folder() == null) {
      return java.util.Optional.empty();
    }
    Path lock = job.folder().resolve(job.part() == null ? RunFolder.LOCK : RunFolder.partLock(job.part()));
    try {
      String pid = Files.exists(lock) ? Files.readString(lock).trim() : "";
      if (pid.matches("[0-9]+")) {
        long n = Long.parseLong(pid);
        return ProcessHandle.of(n).filter(ProcessHandle::isAlive).map(h -> n);
      }
    } catch (java.io.IOException e) {
      // unreadable: not known to run
    }
    return java.util.Optional.empty();
  }

  private boolean slurmAvailable() {
    try {
      new Slurm().requireAvailable();
      return true;
    } catch (SaException e) {
      root.err.println("sa: warning: " + e.getMessage() + "; showing the run folder only");
      return false;
    }
  }
}
