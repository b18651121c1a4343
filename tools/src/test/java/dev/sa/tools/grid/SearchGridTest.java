package dev.sa.tools.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import dev.sa.app.run.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sa search-grid} on a tiny run's baseline, through the CLI that finds it with ServiceLoader. */
class SearchGridTest {
  @TempDir
  static Path dir;

  static Path run;

  @BeforeAll
  static void tinyBaseline() {
    run = dir.resolve("run");
    // a variant and a comparison control in the run's config, as in configs/label-benchmark.yaml: the
    // grid drops the variants and must drop the control with them
    Cli c = Cli.run(TinyRun.args(run, "variants=[{name: HGs, set: {sa.epochs: 0}}]", "report.control=HGs",
        "sa.epochs=0", "evaluate.subsets=[common]").toArray(String[]::new));
    assertThat(c.code()).as(c.err()).isZero();
  }

  private static Cli grid(String... extra) {
    List<String> a = new ArrayList<>(List.of("--plugins", TinyRun.plugins().toString(), "search-grid",
        run.toString()));
    a.addAll(List.of(extra));
    return Cli.run(a.toArray(String[]::new));
  }

  /** One search step over a small grid, on the validation faces: lambda 0 keeps the annotation. */
  @Test
  void gridOverLambdaAndTemplateWritesOneRowEach() throws Exception {
    Cli c = grid("--lambda", "0,1", "--template", "19,51");
    assertThat(c.code()).as(c.err()).isZero();
    List<String> rows = Files.readAllLines(run.resolve("search-grid-val.csv"));
    assertThat(rows).hasSize(1 + 4);
    assertThat(rows.get(0)).startsWith("lambda,template,window,template_px,window_px,move,");
    assertThat(rows.get(1)).startsWith("0.00000,19,17,").contains(",0.00000,");
    // lambda 1 moves labels: the typed values reach the search
    assertThat(rows.get(2)).startsWith("1.00000,19,17,").doesNotContain(",0.00000,0");
    // sizes at the reference size (256) scale to the 16 px heatmap upsampled 3x: 19 -> 3, 51 -> 9, 17 -> 3
    assertThat(rows.get(1)).startsWith("0.00000,19,17,3,3,");
    assertThat(rows.get(3)).startsWith("0.00000,51,17,9,3,");
  }

  @Test
  void aValueOutsideTheKeysDomainIsOneLineAndExitTwo() {
    Cli c = grid("--template", "18");
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err().strip()).isEqualTo("sa: sa search-grid: --template: must be an odd whole number >= 1 (1, 3, 5,"
        + " ...), got 18");
  }
}
