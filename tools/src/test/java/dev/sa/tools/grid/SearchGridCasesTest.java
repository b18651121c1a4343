package dev.sa.tools.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import dev.sa.app.run.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code sa search-grid} (moved here with the command): one line, exit 2. */
@Tag("reliability")
class SearchGridCasesTest {
  @TempDir
  Path dir;

  private Cli oneLineExitTwo(String expected, String... args) {
    Cli c = Cli.run(args);
    assertThat(c.code()).as(c.err()).isEqualTo(2);
    // one problem line; a usage error adds picocli's "Try 'sa search-grid --help'" hint
    assertThat(c.err().strip().lines().filter(l -> !l.startsWith("Try 'sa "))).as(c.err()).hasSize(1);
    assertThat(c.err()).contains(expected).doesNotContain("Unmatched");
    return c;
  }

  @Test
  void aFolderThatIsNoRun() throws Exception {
    Path notRun = Files.createDirectories(dir.resolve("notrun"));
    oneLineExitTwo(notRun + ": not a run folder", "search-grid", notRun.toString());
  }

  @Test
  void aLambdaThatIsNoNumber() throws Exception {
    oneLineExitTwo("--lambda", "search-grid", dir.toString(), "--lambda", "x");
  }

  @Test
  void aBusyRunFolderNamesThePid() throws Exception {
    Path run = Files.createDirectories(dir.resolve("R"));
    Files.writeString(run.resolve("resolved-config.yaml"), "name: fake\n");
    try (RunFolder held = RunFolder.lockForOutput(run, run.resolve("held"), null, line -> { })) {
      oneLineExitTwo(run + ": the run folder is in use by another sa process (pid "
          + ProcessHandle.current().pid(), "search-grid", run.toString());
    }
  }
}
