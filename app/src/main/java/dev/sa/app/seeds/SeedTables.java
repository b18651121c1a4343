package dev.sa.app.seeds;

import dev.sa.app.run.RunFolder;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The results of a multi-seed run in one file each: every seed's {@code metrics.csv},
 * {@code errors.csv}, {@code landmark-errors.csv} and {@code history.csv}, rows in seed order,
 * with a {@code seed} column first. Its {@code run-info.csv} is the first seed's plus the seeds.
 */
public final class SeedTables {
  static final List<String> TABLES = List.of("metrics.csv", "errors.csv", "landmark-errors.csv", "history.csv");

  private SeedTables() {}

  /** Writes the merged tables into {@code runDir}; a seed without a table is an error naming it. */
  public static void merge(Path runDir, List<Long> seeds) throws IOException {
    for (String table : TABLES) {
      StringBuilder out = new StringBuilder();
      for (long seed : seeds) {
        Path f = RunFolder.seedDir(runDir, seed).resolve(table);
        if (!Files.exists(f)) {
          if (table.equals("metrics.csv")) {
            throw new IOException(f + ": missing; the seed's run did not finish");
          }
          continue;
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
          continue;
        }
        if (out.length() == 0) {
          out.append("seed,").append(lines.get(0)).append('\n');
        }
        for (int i = 1; i < lines.size(); i++) {
          if (!lines.get(i).isEmpty()) {
            out.append(seed).append(',').append(lines.get(i)).append('\n');
          }
        }
      }
      if (out.length() > 0) {
        AtomicFiles.writeString(runDir.resolve(table), out.toString());
      }
    }
    Path info = RunFolder.seedDir(runDir, seeds.get(0)).resolve("run-info.csv");
    if (Files.exists(info)) {
      String text = Files.readString(info, StandardCharsets.UTF_8).replaceAll("(?m)^seed,.*\\R", "");
      AtomicFiles.writeString(runDir.resolve("run-info.csv"),
          text + (text.endsWith("\n") ? "" : "\n") + "seeds," + SeedRuns.join(seeds).replace(", ", " ") + "\n");
    }
    Path ref = RunFolder.seedDir(runDir, seeds.get(0)).resolve("reference.csv");
    if (Files.exists(ref)) {
      AtomicFiles.writeString(runDir.resolve("reference.csv"), Files.readString(ref, StandardCharsets.UTF_8));
    }
  }
}
