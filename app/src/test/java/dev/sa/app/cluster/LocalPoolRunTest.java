package dev.sa.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import dev.sa.app.run.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sa run --jobs 2}: the parts run in child processes side by side and the merge gives the
 * metrics of the same run done in one process, when every part runs with the same thread count.
 */
class LocalPoolRunTest {
  @TempDir
  Path dir;

  /** Two baselines (the variants differ in baseline epochs) and three variant parts: every level has two parts or more. */
  private static final String[] VARIANTS = {
      "variants=[{name: HGs, set: {sa.epochs: 0}}, {name: HGs short, set: {sa.epochs: 0, train.epochs: 1}},"
          + " {name: HGs+SA, set: {sa.enabled: true}}]",
      "evaluate.perEpoch=false"};

  private static String[] args(Path out, String... more) {
    List<String> a = new ArrayList<>(TinyRun.args(out, VARIANTS));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @Test
  void partsSideBySideGiveTheOneProcessMetrics() throws Exception {
    Path one = dir.resolve("one");
    Cli c1 = Cli.run(args(one, "--set", "threads=1", "--jobs", "1"));
    assertThat(c1.code()).as(c1.err()).isZero();
    assertThat(c1.err()).doesNotContain("side by side");
    Path pool = dir.resolve("pool");
    // two threads shared by two processes: one thread per part, as the one-process run
    Cli c2 = Cli.run(args(pool, "--set", "threads=2", "--jobs", "2"));
    assertThat(c2.code()).as(c2.err()).isZero();
    assertThat(c2.err()).contains("running 5 part(s) side by side: up to 2 processes on 2 core(s)",
        "part variant-hgs-sa done in", "[variant-hgs-sa] ");
    assertThat(Files.readString(pool.resolve("metrics.csv"))).isEqualTo(Files.readString(one.resolve("metrics.csv")));
    List<String> record = Files.readAllLines(LocalPool.record(pool));
    assertThat(record).hasSize(6).allMatch(l -> l.startsWith("part,") || l.matches("[a-z0-9-]+,1,[0-9.]+,0"));
    assertThat(Files.readString(pool.resolve("run-info.csv")))
        .contains("parts,\"5 side by side in processes of their own, 1 thread(s) each (parts/jobs.csv)\"");
    assertThat(pool.resolve("report/report.html")).exists();
    // resumed when everything is done: nothing runs again
    Cli again = Cli.run("--plugins", TinyRun.plugins().toString(), "run", "--resume", pool.toString(), "--jobs", "2");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.err()).doesNotContain("started").contains("already finished");
    // sa status: a part whose lock a live process holds shows as running here
    Cli status = Cli.run("--plugins", TinyRun.plugins().toString(), "status", pool.toString());
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("all done").doesNotContain("running here");
    Files.delete(pool.resolve("parts/variant-hgs-sa.done"));
    Files.writeString(pool.resolve("run-variant-hgs-sa.lock"), Long.toString(ProcessHandle.current().pid()));
    Cli busy = Cli.run("--plugins", TinyRun.plugins().toString(), "status", pool.toString());
    assertThat(busy.out()).containsPattern("variant-hgs-sa +- +running here \\(pid " + ProcessHandle.current().pid()
        + "\\) +to do").contains("1 job(s) to do; if none is queued or running: sa run --resume " + pool);
  }

  @Test
  void seedsRunSideBySideAndMergeAsInOneProcess() throws Exception {
    String[] oneVariant = {"variants=[{name: HGs+SA, set: {sa.enabled: true}}]", "evaluate.perEpoch=false"};
    Path one = dir.resolve("one");
    List<String> a = new ArrayList<>(TinyRun.args(one, oneVariant));
    a.addAll(List.of("--seeds", "2", "--set", "threads=1"));
    Cli c1 = Cli.run(a.toArray(new String[0]));
    assertThat(c1.code()).as(c1.err()).isZero();
    Path pool = dir.resolve("pool");
    List<String> b = new ArrayList<>(TinyRun.args(pool, oneVariant));
    b.addAll(List.of("--seeds", "2", "--set", "threads=2", "--jobs", "2"));
    Cli c2 = Cli.run(b.toArray(new String[0]));
    assertThat(c2.code()).as(c2.err()).isZero();
    // two baselines, then two variant parts: one thread each
    assertThat(c2.err()).contains("running 4 part(s) side by side", "part seed-42.baseline-", "part seed-43.variant-hgs-sa done");
    assertThat(Files.readString(pool.resolve("metrics.csv"))).isEqualTo(Files.readString(one.resolve("metrics.csv")));
    assertThat(Files.readAllLines(LocalPool.record(pool.resolve("seed-43")))).hasSize(3);
    assertThat(pool.resolve("report/report.html")).exists();
  }

  @Test
  void badJobsValuesExitTwo() {
    Cli neg = Cli.run(args(dir.resolve("a"), "--jobs", "-1"));
    assertThat(neg.code()).isEqualTo(2);
    assertThat(neg.err()).contains("--jobs -1: expected 0 (one process per thread) or more");
    Cli slurm = Cli.run(args(dir.resolve("b"), "--jobs", "2", "--executor", "slurm"));
    assertThat(slurm.code()).isEqualTo(2);
    assertThat(slurm.err()).contains("--jobs 2: only with the local executor");
    Cli key = Cli.run(args(dir.resolve("c"), "--set", "jobs=-2"));
    assertThat(key.code()).isEqualTo(2);
    assertThat(key.err()).contains("jobs", ">= 0");
    assertThat(dir.resolve("a")).doesNotExist();
  }
}
