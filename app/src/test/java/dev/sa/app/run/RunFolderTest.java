package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.SaException;
import dev.sa.app.cli.Cli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder's rules (issue 17, items 1, 3 and 7): no new run into a used folder, one process at a time. */
@Tag("reliability")
class RunFolderTest {
  @TempDir
  Path dir;

  private static Cli sa(List<String> args) {
    return Cli.run(args.toArray(new String[0]));
  }

  private static List<String> listing(Path d) throws Exception {
    try (Stream<Path> s = Files.walk(d)) {
      return s.map(p -> d.relativize(p) + (Files.isRegularFile(p) ? ":" + size(p) : "")).sorted().toList();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aNewRunIntoANonEmptyFolderIsRefusedNamingResumeAndWritesNothing() throws Exception {
    Path run = dir.resolve("R");
    Files.createDirectories(run.resolve("baseline-x"));
    Files.writeString(run.resolve("resolved-config.yaml"), "seed: 42\n");
    Files.writeString(run.resolve("metrics.csv"), "variant,subset,target,metric,value\n");
    List<String> before = listing(run);
    Cli r = sa(TinyRun.args(run, "seed=7"));
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains(run.toString(), "--resume");
    assertThat(listing(run)).isEqualTo(before);
    assertThat(Files.readString(run.resolve("resolved-config.yaml"))).isEqualTo("seed: 42\n");
  }

  @Test
  void outOnAFileOrUnderAFileExitsTwoSayingSo() throws Exception {
    Path file = dir.resolve("README.md");
    Files.writeString(file, "text\n");
    Cli r = sa(TinyRun.args(file));
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains(file + ": the run folder (--out) is a file");
    assertThat(Files.readString(file)).isEqualTo("text\n");
    Cli under = sa(TinyRun.args(file.resolve("run")));
    assertThat(under.code()).as(under.err()).isEqualTo(2);
    assertThat(under.err().strip().lines()).hasSize(1);
    assertThat(under.err()).contains("cannot create the run folder (--out): " + file + " is a file");
  }

  @Test
  void outUnderAReadOnlyFolderExitsTwoSayingSo() throws Exception {
    Path ro = dir.resolve("ro");
    Files.createDirectories(ro);
    Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro), "root may write anywhere");
      Cli r = sa(TinyRun.args(ro.resolve("run")));
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines()).hasSize(1);
      assertThat(r.err()).contains(ro + " is not writable");
    } finally {
      Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aMissingDataRootLeavesNoStubFolder() {
    Path run = dir.resolve("R");
    Cli r = sa(TinyRun.args(run, "dataset.plugin=300w", "dataset.root=" + dir.resolve("no-such-data"),
        "dataset.options={}"));
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("no-such-data");
    assertThat(run).as("no stub run folder").doesNotExist();
  }

  @Test
  void aGpuWithoutOneLeavesNoStubFolder() {
    org.junit.jupiter.api.Assumptions.assumeTrue(ai.djl.engine.Engine.getInstance().getGpuCount() == 0);
    Path run = dir.resolve("R");
    Cli r = sa(TinyRun.args(run, "devices=gpu"));
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(run).as("no stub run folder").doesNotExist();
  }

  @Test
  void aSecondProcessOnTheFolderExitsTwoNamingTheHoldersPid() throws Exception {
    Path run = dir.resolve("R");
    Files.createDirectories(run);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), run.toString()));
    Process holder = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> RunFolder.lock(run, line -> { }))
          .isInstanceOf(SaException.class)
          .hasMessageContaining("in use by another sa process (pid " + holder.pid() + ",");
      Cli r = sa(TinyRun.args(run));
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines()).hasSize(1);
      assertThat(r.err()).contains("pid " + holder.pid());
      assertThat(listing(run)).containsExactly("", RunFolder.LOCK + ":" + size(run.resolve(RunFolder.LOCK)));
    } finally {
      holder.destroyForcibly().waitFor();
    }
    // The holder died holding the lock: its pid is left in the file, and the next process takes over.
    List<String> warnings = new ArrayList<>();
    try (RunFolder f = RunFolder.lock(run, warnings::add)) {
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains("stale lock of pid " + holder.pid(), "no longer running");
      assertThat(Files.readString(run.resolve(RunFolder.LOCK)).trim())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }
    assertThat(Files.readString(run.resolve(RunFolder.LOCK))).as("freed on close").isEmpty();
  }

  @Test
  void aStaleLockFileIsTakenOverWithOneWarning() throws Exception {
    Path run = dir.resolve("R");
    Files.createDirectories(run);
    Files.writeString(run.resolve(RunFolder.LOCK), "999999999\n");
    List<String> warnings = new ArrayList<>();
    try (RunFolder f = RunFolder.lock(run, warnings::add)) {
      assertThat(warnings).containsExactly("sa: warning: " + run.resolve(RunFolder.LOCK)
          + ": taking over the stale lock of pid 999999999 (no longer running)");
    }
    List<String> none = new ArrayList<>();
    try (RunFolder f = RunFolder.lock(run, none::add)) {
      assertThat(none).as("a lock freed on close is not stale").isEmpty();
    }
  }
}
