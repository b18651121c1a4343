package dev.sa.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.app.cli.SaCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sa bench} argument parsing: defaults, --quick, part selection and bad values. */
class BenchOptionsTest {
  private static BenchOptions parse(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return command.options();
  }

  @Test
  void defaultsMeasureEverythingAtThreeSizes() {
    BenchOptions o = parse();
    assertThat(o.sizes()).containsExactly(64, 128, 256);
    assertThat(o.ratio()).isEqualTo(4);
    assertThat(List.of(o.stacks(), o.depth(), o.channels(), o.batch())).containsExactly(2, 4, 128, 8);
    assertThat(o.steps()).isEqualTo(5);
    assertThat(o.memoryEpochs()).isEqualTo(10);
    assertThat(o.faces()).isZero();
    // everything but the operator profile, which runs only when named
    assertThat(o.parts()).containsExactlyInAnyOrderElementsOf(
        java.util.EnumSet.complementOf(java.util.EnumSet.of(BenchOptions.Part.PROFILE)));
    assertThat(o.engines()).containsExactly("mxnet", "pytorch");
    assertThat(o.graphs()).containsExactly("static", "dynamic", "off");
    assertThat(o.out().toString()).startsWith(Path.of("runs", "bench-").toString());
  }

  @Test
  void quickShrinksWhatIsNotGivenExplicitly() {
    BenchOptions o = parse("--quick", "--steps", "3", "--sizes", "64,128", "--skip", "torch,memory",
        "--engines", "MXNet", "--out", "x");
    assertThat(o.quick()).isTrue();
    assertThat(o.sizes()).containsExactly(64, 128);
    assertThat(o.steps()).isEqualTo(3);
    assertThat(o.warmup()).isEqualTo(1);
    assertThat(o.memoryEpochs()).isEqualTo(4);
    assertThat(o.faces()).isEqualTo(48);
    assertThat(o.runs(BenchOptions.Part.TORCH)).isFalse();
    assertThat(o.runs(BenchOptions.Part.MEMORY)).isFalse();
    assertThat(o.runs(BenchOptions.Part.SEARCH)).isTrue();
    assertThat(o.engines()).containsExactly("mxnet");
    assertThat(o.graphs()).containsExactly("static", "off");
    assertThat(o.out()).isEqualTo(Path.of("x"));
    assertThat(parse("--graphs", "Off,dynamic").graphs()).containsExactly("off", "dynamic");
  }

  @Test
  void partsPickOnlyThose() {
    assertThat(parse("--parts", "model,search").parts())
        .containsExactlyInAnyOrder(BenchOptions.Part.MODEL, BenchOptions.Part.SEARCH);
  }

  @Test
  void badValuesNameTheOption() {
    assertThatThrownBy(() -> parse("--ratio", "3")).hasMessageContaining("--ratio");
    assertThatThrownBy(() -> parse("--sizes", "66")).hasMessageContaining("--sizes: 66");
    assertThatThrownBy(() -> parse("--engines", "tensorflow")).hasMessageContaining("--engines");
    assertThatThrownBy(() -> parse("--memory-epochs", "2")).hasMessageContaining("--memory-epochs");
    assertThatThrownBy(() -> parse("--graphs", "fast")).hasMessageContaining("--graphs");
    assertThatThrownBy(() -> parse("--graphs", "off,off")).hasMessageContaining("--graphs");
    assertThatThrownBy(() -> parse("--parts", "everything")).isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void badValuesExitTwoWithOneLine() {
    StringWriter err = new StringWriter();
    int code = SaCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "bench", "--ratio", "3");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("--ratio: must be 1, 2 or 4");
  }

  @Test
  void threadsFollowMxnetsDefault() {
    assertThat(parse("--threads", "3").effectiveThreads()).isEqualTo(3);
    assertThat(parse().effectiveThreads()).isPositive();
  }
}
