package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sa align}, {@code sa predict} and {@code sa search-grid} write into a run folder only
 * while holding its lock, like {@code sa run}: a busy folder is exit 2 with one line naming the
 * holder (and {@code --out} where there is one), and nothing is written; output elsewhere needs no
 * lock.
 */
@Tag("reliability")
class RunFolderWritersTest {
  @TempDir
  Path dir;

  Path run;

  @BeforeEach
  void fakeRun() throws Exception {
    run = Files.createDirectories(dir.resolve("R"));
    Files.writeString(run.resolve("resolved-config.yaml"), "name: fake\n");
    Files.createDirectories(run.resolve("variants/hgs-sa"));
    Files.writeString(run.resolve("variants/hgs-sa/labels.csv"), "id,kind,point,x,y\n");
  }

  @Test
  void writersIntoABusyRunFolderAreRefusedNamingThePid() throws Exception {
    String pid = Long.toString(ProcessHandle.current().pid());
    try (RunFolder held = RunFolder.lock(run, line -> { })) {
      for (List<String> args : List.of(List.of("align", run.toString()),
          List.of("predict", run.toString(), dir.toString()))) {
        Cli c = Cli.run(args.toArray(new String[0]));
        assertThat(c.code()).as(args + ": " + c.err()).isEqualTo(2);
        assertThat(c.err().strip().lines()).as(args.get(0)).hasSize(1);
        assertThat(c.err()).contains(run + ": the run folder is in use by another sa process (pid " + pid);
        assertThat(c.err()).as(args.get(0)).contains("write elsewhere with --out");
      }
      assertThat(run.resolve("aligned")).doesNotExist();
      assertThat(run.resolve("predictions")).doesNotExist();
      assertThat(run.resolve("search-grid-val.csv")).doesNotExist();

      // Output outside the run folder takes no lock: the command goes on (and fails later, on the fake config).
      Cli elsewhere = Cli.run("align", run.toString(), "--out", dir.resolve("aligned").toString());
      assertThat(elsewhere.err()).doesNotContain("in use by another sa process");
    }
  }

  @Test
  void outputInsideTheRunFolderIsLockedAndOutsideIsNot() {
    assertThat(RunFolder.lockForOutput(run, dir.resolve("elsewhere"), "--out", line -> { })).isNull();
    assertThat(RunFolder.lockForOutput(run, run.resolve("../R2/x"), "--out", line -> { })).isNull();
    try (RunFolder inside = RunFolder.lockForOutput(run, run.resolve("aligned/x"), "--out", line -> { })) {
      assertThat(inside).isNotNull();
      assertThat(run.resolve(RunFolder.LOCK)).content().contains(Long.toString(ProcessHandle.current().pid()));
    }
  }
}
