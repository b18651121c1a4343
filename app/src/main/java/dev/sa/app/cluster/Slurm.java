package dev.sa.app.cluster;

import dev.sa.api.SaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler's own commands ({@code sbatch}, {@code scancel}, {@code scontrol}),
 * run as processes: the same calls a user would type, so a site's wrappers and {@code SLURM_CONF}
 * apply. Errors carry the scheduler's own message, in one line.
 */
public class Slurm {
  /** A job's state as the scheduler tells it ({@code PENDING}, {@code RUNNING}, {@code COMPLETED}, ...). */
  public record JobState(String id, String state, String reason) {
    /** Still to run or running: not to be submitted again. */
    public boolean alive() {
      return state.equals("PENDING") || state.equals("RUNNING") || state.equals("CONFIGURING")
          || state.equals("COMPLETING") || state.equals("REQUEUED") || state.equals("RESIZING")
          || state.equals("SUSPENDED");
    }
  }

  /** Output of one finished command. */
  record Result(int code, String out, String err) {}

  /** Refuses (exit 2) when {@code sbatch} is not on the PATH, before anything is written. */
  public void requireAvailable() {
    if (!onPath("sbatch")) {
      throw SaException.invalidInput("--executor slurm: 'sbatch' is not on the PATH (is this a Slurm login node? "
          + "'module load slurm' or use --executor local)");
    }
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Submits a job script after the given jobs have succeeded; returns the job id. A rejected
   * submission is a runtime failure (exit 1) with {@code sbatch}'s message.
   */
  public String submit(Path script, List<String> afterOk) {
    List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
    if (!afterOk.isEmpty()) {
      cmd.add("--dependency=afterok:" + String.join(":", afterOk));
      cmd.add("--kill-on-invalid-dep=yes");
    }
    cmd.add(script.toString());
    Result r = exec(cmd);
    String id = r.out().trim().split(";")[0];
    if (r.code() != 0 || !id.matches("\\d+(_\\d+)?")) {
      throw SaException.runtime("sbatch " + script.getFileName() + ": " + message(r), null);
    }
    return id;
  }

  /** Cancels jobs (best effort: a job already gone is not an error). */
  public void cancel(List<String> ids) {
    if (!ids.isEmpty()) {
      List<String> cmd = new ArrayList<>(List.of("scancel"));
      cmd.addAll(ids);
      exec(cmd);
    }
  }

  /**
   * The state of each job the scheduler still knows, from {@code scontrol show job} (queued,
   * running and recently finished jobs; works without accounting). Jobs it no longer knows are
   * absent.
   */
  public Map<String, JobState> states(List<String> ids) {
    Map<String, JobState> out = new LinkedHashMap<>();
    for (String id : ids) {
      Result r = exec(List.of("scontrol", "-o", "show", "job", id));
      if (r.code() != 0) {
        continue;
      }
      String state = field(r.out(), "JobState");
      if (state != null) {
        out.put(id, new JobState(id, state, String.valueOf(field(r.out(), "Reason"))));
      }
    }
    return out;
  }

  static String field(String line, String key) {
    for (String part : line.trim().split("\\s+")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    return null;
  }

  Result exec(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw SaException.runtime(cmd.get(0) + ": no answer from the scheduler within 120 s", null);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw SaException.runtime(cmd.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SaException.runtime(cmd.get(0) + ": interrupted", e);
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File("/dev/null");
  }

  private static String message(Result r) {
    String m = SlurmSettings.oneLine(r.err().isBlank() ? r.out() : r.err());
    return m.isEmpty() ? "exit code " + r.code() : m;
  }
}
