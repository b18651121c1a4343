package dev.sa.app.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * One unit of a run as a cluster job: its name (unique in the run, used for the script and the
 * log), the {@code sa} arguments that do exactly this unit, and the jobs that must succeed first.
 */
public record Job(String name, List<String> saArgs, List<String> after) {
  public Job {
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("job name '" + name + "': letters, digits and _.- only");
    }
    saArgs = List.copyOf(saArgs);
    after = List.copyOf(after);
  }

  /** The run folder this job works in (its {@code --resume} argument), or null for none. */
  public Path folder() {
    int r = saArgs.indexOf("--resume");
    return r < 0 ? null : Path.of(saArgs.get(r + 1));
  }

  /** The part this job does ({@code --part}), or null for a merge. */
  public String part() {
    int p = saArgs.indexOf("--part");
    return p < 0 ? null : saArgs.get(p + 1);
  }
}
