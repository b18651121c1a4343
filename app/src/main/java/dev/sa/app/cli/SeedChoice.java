package dev.sa.app.cli;

import dev.sa.app.seeds.SeedRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --seed S}, a picocli mixin of the commands that read one seed's run of a run folder
 * ({@code sa align}, {@code sa predict}, {@code sa search-grid}): one option, one way to pick it.
 */
public final class SeedChoice {
  @Option(names = "--seed", paramLabel = "S", description = "In a run over several seeds, the seed's run to use (default: the first).")
  Long seed;

  /** The chosen seed's run folder ({@code runDir} itself for a one-seed run); says on {@code err} which one is used. */
  public Path pick(Path runDir, PrintWriter err) {
    return SeedRuns.pick(runDir, seed, err::println);
  }
}
