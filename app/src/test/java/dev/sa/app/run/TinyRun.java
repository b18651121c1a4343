package dev.sa.app.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Arguments of a tiny end-to-end run (seconds on 2 cores) through the packaged plugins. */
public final class TinyRun {
  private TinyRun() {}

  /** The plugins folder the reactor filled before this module's tests (plugins build first). */
  public static Path plugins() {
    Path p = Path.of("..", "target", "plugins").toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException(p + " is missing: build the plugins first (mvn package from the root)");
    }
    return p;
  }

  public static List<String> args(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("--plugins", plugins().toString(), "run", "--out", out.toString(),
        "--set", "train.epochs=2", "--set", "sa.epochs=2",
        "--set", "dataset.options.trainSize=24", "--set", "dataset.options.commonSize=6",
        "--set", "dataset.options.challengeSize=4", "--set", "dataset.options.imageSize=48",
        "--set", "input.size=32", "--set", "input.heatmapSize=16", "--set", "train.workers=1",
        "--set", "backbone.options.channels=16", "--set", "backbone.options.stacks=1",
        "--set", "backbone.options.depth=2", "--set", "train.batchSize=4"));
    for (String e : extra) {
      a.add("--set");
      a.add(e);
    }
    return a;
  }
}
