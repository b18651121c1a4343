package dev.sa.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import dev.sa.app.run.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another thread count than this process's runs in a child process; its rows join the table. */
class ChildBenchTest {
  @TempDir
  Path dir;

  @Test
  void peakAtTwoThreadCountsGivesOneRowEach() throws Exception {
    int here = BenchOptions.mxnetThreads();
    int other = here == 1 ? 2 : 1;
    Path out = dir.resolve("bench");
    Cli c = Cli.run("--plugins", TinyRun.plugins().toString(), "bench", "--parts", "peak", "--engines", "mxnet",
        "--peak-size", "32", "--steps", "1", "--at-threads", here + "," + other, "--out", out.toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.err()).contains("child process at " + other + " thread(s): OMP_NUM_THREADS=" + other);
    List<String> csv = Files.readAllLines(out.resolve("bench.csv"));
    for (int t : List.of(here, other)) {
      assertThat(csv).as("threads " + t).filteredOn(l -> l.startsWith("peak,matmul fp32 32^3 threads=" + t + ",MXNet,"
          + "peak_gflops,")).hasSize(1);
    }
    // the child's environment rows stay in the child: one machine description
    assertThat(csv).filteredOn(l -> l.startsWith("env,machine,,cores,")).hasSize(1);
  }

  @Test
  void childArgumentsRepeatTheFixedModelAndOnlyThePerThreadParts() {
    BenchOptions o = new BenchCommand().options();
    List<String> a = o.childArgs(1, Path.of("x"));
    assertThat(a).startsWith("bench", "--at-threads", "1", "--threads", "1", "--out", "x");
    assertThat(a).containsSequence("--sizes", "64,128,256").containsSequence("--parts", "peak,model,predict")
        .containsSequence("--channels", "128").containsSequence("--peak-size", "4096");
  }
}
