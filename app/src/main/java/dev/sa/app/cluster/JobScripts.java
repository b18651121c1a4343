package dev.sa.app.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a job's batch script: the {@code #SBATCH} lines from the user's settings, the prelude,
 * then this same {@code sa} (the same Java, class path and plugins folder as the submitting
 * process) on the shared run folder. The engine gets the CPUs Slurm gave the job.
 */
public final class JobScripts {
  private final SlurmSettings settings;
  private final List<String> launcher;

  /** @param launcher the command that starts {@code sa} (see {@link #currentLauncher()}) */
  public JobScripts(SlurmSettings settings, List<String> launcher) {
    this.settings = settings;
    this.launcher = List.copyOf(launcher);
  }

  /** The command that starts this process's {@code sa} again: its Java, heap limit, class path and plugins. */
  public static List<String> currentLauncher() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    boolean logLevel = false;
    List<String> logging = new ArrayList<>();
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-Xmx") || arg.startsWith("-Xms")) {
        cmd.add(arg);
      } else if (arg.startsWith("-Dorg.slf4j.simpleLogger.")) {
        // the same log levels as this process (bin/sa quiets DJL's GPU probe on CPU machines)
        logging.add(arg);
        logLevel |= arg.startsWith("-Dorg.slf4j.simpleLogger.defaultLogLevel=");
      }
    }
    cmd.add("-Djava.awt.headless=true");
    String plugins = System.getProperty("sa.plugins");
    if (plugins != null) {
      cmd.add("-Dsa.plugins=" + Path.of(plugins).toAbsolutePath());
    }
    if (!logLevel) {
      cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    }
    cmd.addAll(logging);
    cmd.add("-cp");
    List<String> cp = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      cp.add(Path.of(e).toAbsolutePath().toString());
    }
    cmd.add(String.join(java.io.File.pathSeparator, cp));
    cmd.add("dev.sa.app.Main");
    return cmd;
  }

  /** The script of one job; its log goes to {@code logDir/<name>-<jobid>.out}. */
  public String render(Job job, String runName, Path logDir) {
    StringBuilder s = new StringBuilder("#!/bin/bash\n");
    s.append("#SBATCH --job-name=").append(quote("sa-" + runName + "-" + job.name())).append('\n');
    s.append("#SBATCH --output=").append(quote(logDir.toAbsolutePath().resolve(job.name() + "-%j.out").toString())).append('\n');
    s.append("#SBATCH --ntasks=1\n");
    for (String o : settings.options()) {
      s.append("#SBATCH ").append(o).append('\n');
    }
    s.append("set -euo pipefail\n");
    for (String line : settings.prelude()) {
      s.append(line).append('\n');
    }
    s.append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-${SLURM_CPUS_ON_NODE:-$(nproc)}}\"\n");
    List<String> cmd = new ArrayList<>(launcher);
    cmd.addAll(job.saArgs());
    List<String> quoted = new ArrayList<>();
    for (String c : cmd) {
      quoted.add(quote(c));
    }
    s.append("exec ").append(String.join(" ", quoted)).append('\n');
    return s.toString();
  }

  /** A shell word: as is when safe, else in single quotes. */
  static String quote(String w) {
    if (w.matches("[A-Za-z0-9_./=:,@%+-]+")) {
      return w;
    }
    return "'" + w.replace("'", "'\\''") + "'";
  }
}
