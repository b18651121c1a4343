package dev.sa.tools;

import dev.sa.app.cli.SaSubcommand;
import dev.sa.tools.bench.BenchCommand;
import dev.sa.tools.grid.SearchGridCommand;

/** The tools' subcommands of {@code sa}, listed in META-INF/services for the app's ServiceLoader. */
public final class ToolCommands {
  private ToolCommands() {}

  /** {@code sa bench}. */
  public static final class Bench implements SaSubcommand {
    @Override
    public Object command() {
      return new BenchCommand();
    }
  }

  /** {@code sa search-grid}. */
  public static final class SearchGrid implements SaSubcommand {
    @Override
    public Object command() {
      return new SearchGridCommand();
    }
  }
}
