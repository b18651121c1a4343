package dev.sa.app.seeds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sa.api.SaException;
import dev.sa.app.config.ConfigFingerprint;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Progress;
import dev.sa.app.run.RunFolder;
import dev.sa.app.run.RunService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Seeds as a dimension of a run: with {@code seeds: [42, 7, 123]} the whole run (its baselines,
 * variants and evaluation) is repeated once per seed, each in its own run folder
 * {@code RUN/seed-<s>} made exactly as a one-seed run with {@code seed: s}. The top folder holds
 * the config with its seeds, and the results of every seed in one file each with a {@code seed}
 * column first ({@link SeedTables}), from which the report computes intervals over seeds.
 */
public final class SeedRuns {
  private SeedRuns() {}

  /** The seeds of a run folder's config; empty for a one-seed run, a folder of an older sa, or no run folder. */
  public static List<Long> seedsOf(Path runDir) {
    Path resolved = runDir.resolve(ConfigLoader.RESOLVED);
    List<Long> seeds = new ArrayList<>();
    if (!Files.isRegularFile(resolved)) {
      return seeds;   // not a run folder: the command says so in its own words
    }
    try {
      JsonNode tree = ConfigLoader.YAML.readTree(resolved.toFile());
      JsonNode s = tree == null ? null : tree.get("seeds");
      if (s != null && s.isArray()) {
        s.forEach(n -> seeds.add(n.asLong()));
      }
    } catch (IOException e) {
      throw SaException.invalidInput(resolved + ": cannot read: " + e.getMessage());
    }
    return seeds;
  }

  /**
   * Runs (or resumes, or re-evaluates, or only prepares) every seed of a multi-seed config in
   * turn, then writes the tables with a seed column and the report. A config error found by the first seed's checks
   * leaves nothing behind.
   */
  public static Path run(ConfigLoader.Loaded loaded, PluginHost host, Path runDir, PrintWriter out, Progress progress,
      boolean report, RunService.Mode mode) throws IOException {
    List<Long> seeds = loaded.config().seeds();
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("not a multi-seed config");
    }
    boolean fresh = mode == RunService.Mode.NEW || mode == RunService.Mode.PREPARE;
    if (fresh) {
      RunFolder.checkNew(runDir);
    }
    ConfigFingerprint fingerprint = ConfigFingerprint.ofWritten(loaded.tree());
    RunFolder folder = fresh ? RunFolder.create(runDir, fingerprint, progress::info)
        : RunFolder.open(runDir, fingerprint, progress::info);
    try (folder) {
      if (fresh) {
        ConfigLoader.writeResolved(loaded.tree(), runDir.resolve(ConfigLoader.RESOLVED));
      }
      PrintWriter quiet = new PrintWriter(Writer.nullWriter());
      for (int i = 0; i < seeds.size(); i++) {
        long seed = seeds.get(i);
        Path dir = RunFolder.seedDir(runDir, seed);
        RunService.Mode m = mode == RunService.Mode.PREPARE ? mode
            : Files.exists(dir.resolve(ConfigLoader.RESOLVED)) ? mode : RunService.Mode.NEW;
        progress.info("seed " + seed + " (" + (i + 1) + " of " + seeds.size() + "): " + dir);
        try {
          RunService.run(loaded.forSeed(seed), host, dir, quiet, progress, false, m);
        } catch (SaException e) {
          if (i == 0 && fresh && e.exitCode() == 2 && !Files.exists(dir)) {
            folder.close();
            removeNewTop(runDir);
          }
          throw e;
        }
      }
      if (mode == RunService.Mode.PREPARE) {
        return runDir;
      }
      SeedTables.merge(runDir, seeds);
    }
    RunService.writeReport(runDir, out, progress, report);
    return runDir;
  }

  /**
   * The one-seed run folder a command works on: the folder itself for a one-seed run; for a
   * multi-seed run the chosen seed's (the first when {@code seed} is null, said in one line).
   */
  public static Path pick(Path runDir, Long seed, Consumer<String> info) {
    List<Long> seeds = seedsOf(runDir);
    if (seeds.isEmpty()) {
      if (seed != null) {
        throw SaException.invalidInput("--seed " + seed + ": " + runDir + " is a one-seed run (no seeds: in its config)");
      }
      return runDir;
    }
    long chosen = seed != null ? seed : seeds.get(0);
    if (!seeds.contains(chosen)) {
      throw SaException.invalidInput("--seed " + seed + ": not a seed of " + runDir + "; its seeds: " + join(seeds));
    }
    if (seed == null) {
      info.accept(runDir + ": a run over seeds " + join(seeds) + "; using seed " + chosen + " (--seed picks another)");
    }
    return RunFolder.seedDir(runDir, chosen);
  }

  /** Removes what a new multi-seed run wrote before its first seed refused the config. */
  private static void removeNewTop(Path runDir) throws IOException {
    for (String f : List.of(ConfigLoader.RESOLVED, RunFolder.FINGERPRINT, RunFolder.LOCK)) {
      Files.deleteIfExists(runDir.resolve(f));
    }
    try (var s = Files.list(runDir)) {
      if (s.findAny().isEmpty()) {
        Files.delete(runDir);
      }
    }
  }

  static String join(List<Long> seeds) {
    List<String> s = new ArrayList<>();
    seeds.forEach(x -> s.add(Long.toString(x)));
    return String.join(", ", s);
  }

}
