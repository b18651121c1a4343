package dev.sa.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sa.app.cli.Cli;
import dev.sa.app.run.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sa bench --parts profile}: MXNet's operator times, summed per operator, in a child process. */
class OperatorProfileTest {
  @TempDir
  Path dir;

  @Test
  void beginEndPairsAreSummedPerOperatorAndThread() throws Exception {
    // two Convolution calls on two threads overlapping in time, one GroupNorm; other categories and
    // MXNet's trailing comma are ignored
    String trace = """
        {"traceEvents": [
          {"name": "Convolution", "cat": "operator", "ph": "B", "ts": 1000, "tid": 1},
          {"name": "Convolution", "cat": "operator", "ph": "B", "ts": 1500, "tid": 2},
          {"name": "Convolution", "cat": "operator", "ph": "E", "ts": 3000, "tid": 1},
          {"name": "Convolution", "cat": "operator", "ph": "E", "ts": 2500, "tid": 2},
          {"name": "GroupNorm", "cat": "operator", "ph": "B", "ts": 4000, "tid": 1},
          {"name": "GroupNorm", "cat": "operator", "ph": "E", "ts": 4500, "tid": 1},
          {"name": "MXNet C API Calls", "cat": "MXNET_C_API", "ph": "C", "ts": 5000, "tid": 3},
        ]}
        """;
    Map<String, Double> ms = OperatorProfile.totals(trace);
    assertThat(ms.keySet()).containsExactly("Convolution", "GroupNorm");
    assertThat(ms.get("Convolution")).isCloseTo(3.0, within(1e-9));
    assertThat(ms.get("GroupNorm")).isCloseTo(0.5, within(1e-9));
    assertThat(OperatorProfile.convolution("_backward_Convolution")).isTrue();
    assertThat(OperatorProfile.convolution("GroupNorm")).isFalse();
  }

  @Test
  void aTinyHourglassIsProfiledOperatorByOperator() throws Exception {
    Path out = dir.resolve("bench");
    Cli c = Cli.run("--plugins", TinyRun.plugins().toString(), "bench", "--parts", "profile", "--engines", "mxnet",
        "--sizes", "32", "--stacks", "1", "--depth", "1", "--channels", "16", "--steps", "1", "--warmup", "1",
        "--at-threads", "1", "--out", out.toString());
    assertThat(c.code()).as(c.err()).isZero();
    List<String> csv = Files.readAllLines(out.resolve("bench.csv"));
    // operator by operator (bulk execution off in the child): convolutions and their gradients by name
    assertThat(csv).anyMatch(l -> l.startsWith("profile,hourglass 1x1x16 mixed b8 32px/8 threads=1,MXNet,op Convolution,"));
    // Which dozen operators lead a tiny network's step depends on timing noise (a CI run once ranked
    // _backward_Convolution 13th), so the gradients are checked through the convolutions' GFLOP/s,
    // which counts their time whatever the ranking.
    assertThat(csv).anyMatch(l -> l.contains(",MXNet,conv_gflops,") && Double.parseDouble(l.split(",")[4]) > 0);
    double shares = csv.stream().filter(l -> l.startsWith("profile,") && l.contains(",op "))
        .mapToDouble(l -> Double.parseDouble(l.split(",")[l.split(",").length - 1])).sum();
    assertThat(shares).isCloseTo(1.0, within(0.01));
  }
}
