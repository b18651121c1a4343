package dev.sa.app.cluster;

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
}
