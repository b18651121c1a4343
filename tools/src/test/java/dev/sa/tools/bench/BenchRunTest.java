package dev.sa.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.SaCli;
import dev.sa.app.run.TinyRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole {@code sa bench} on a tiny network and data set (seconds): table, CSV, no baseline. */
class BenchRunTest {
  @TempDir
  Path dir;

  @Test
  void tinyBenchWritesTableAndCsv() throws Exception {
    Path out = dir.resolve("bench");
    List<String> args = new ArrayList<>(List.of("--plugins", TinyRun.plugins().toString(), "bench", "--quick",
        "--out", out.toString(), "--sizes", "32", "--channels", "8", "--stacks", "1", "--depth", "1",
        "--batch", "2", "--steps", "1", "--warmup", "0", "--faces", "8", "--memory-faces", "4",
        "--memory-epochs", "3", "--engines", "mxnet", "--python", "/nonexistent/python3", "--peak-size", "32",
        // this process's thread count only: no child process here (ChildBenchTest runs one)
        "--at-threads", Integer.toString(BenchOptions.mxnetThreads())));
    for (String s : List.of("dataset.options.trainSize=12", "dataset.options.commonSize=2",
        "dataset.options.challengeSize=2", "dataset.options.imageSize=48", "input.size=32", "input.heatmapSize=16",
        "backbone.options.channels=8", "backbone.options.stacks=1", "backbone.options.depth=1", "train.batchSize=4",
        "train.workers=1", "evaluate.batchSize=4")) {
      args.add("--set");
      args.add(s);
    }
    StringWriter stdout = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SaCli.run(new PrintWriter(stdout), new PrintWriter(err), args.toArray(new String[0]));
    assertThat(code).as(err.toString()).isZero();
    assertThat(stdout.toString())
        .contains("PyTorch baseline: not installed (apt-get install python3-torch)")
        .contains("train_s_per_step", "search_windows_s", "search_pass_search_s", "rss_growth_epoch_2_to_3", "faces_per_s_1_worker");
    List<String> csv = Files.readAllLines(out.resolve("bench.csv"));
    assertThat(csv.get(0)).isEqualTo("section,item,engine,metric,value,unit,versus,ratio");
    for (String section : List.of("env", "peak", "model", "predict", "config", "rmsprop", "data", "search", "memory",
        "torch")) {
      assertThat(csv).as(section).anyMatch(l -> l.startsWith(section + ","));
    }
    // each path's GFLOP/s with its share of the peak measured in the same run (values never asserted)
    for (String metric : List.of("peak_gflops", "forward_gflop_per_face", "train_gflop_per_step", "train_gflops",
        "infer_gflops_b1", "infer_gflops_batch", "detect_ms_per_image", "landmarks_ms_per_face",
        "detect_and_landmarks_ms_one_face")) {
      assertThat(csv).as(metric).anyMatch(l -> l.contains("," + metric + ","));
    }
    String achieved = csv.stream().filter(l -> l.contains(",train_gflops,")).findFirst().orElseThrow();
    assertThat(achieved).contains("threads=" + BenchOptions.mxnetThreads(), ",peak_gflops MXNet threads=");
    assertThat(Double.parseDouble(achieved.substring(achieved.lastIndexOf(',') + 1))).isPositive();
    String fused = csv.stream().filter(l -> l.contains("train_s_per_step_fused")).findFirst().orElseThrow();
    String[] f = fused.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
    assertThat(Double.parseDouble(f[4])).isPositive();
    assertThat(Double.parseDouble(f[7])).isPositive();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bench.csv");
    }
  }
}
