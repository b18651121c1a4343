package dev.sa.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import org.junit.jupiter.api.Test;

/** The app's CLI finds the tools' subcommands on the class path (ServiceLoader). */
class ToolCommandsTest {
  @Test
  void rootHelpListsTheToolsAndHelpShowsTheirOptions() {
    Cli root = Cli.run("--help");
    assertThat(root.code()).isZero();
    assertThat(root.out()).contains("bench ", "search-grid ");
    Cli bench = Cli.run("help", "bench");
    assertThat(bench.code()).as(bench.err()).isZero();
    assertThat(bench.out()).startsWith("Usage: sa bench").contains("--parts", "--at-threads", "--peak-size");
    assertThat(bench.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    Cli grid = Cli.run("search-grid", "--help");
    assertThat(grid.code()).isZero();
    assertThat(grid.out()).startsWith("Usage: sa search-grid").contains("--lambda");
  }

  @Test
  void withoutArgumentsTheRootUsageListsThemToo() {
    Cli root = Cli.run();
    assertThat(root.code()).isZero();
    assertThat(root.out()).contains("bench ", "search-grid ");
  }
}
