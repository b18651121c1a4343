package dev.sa.app.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import dev.sa.app.run.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeds as a dimension of a run: each seed's rows are those of a one-seed run with that seed, the
 * merged tables carry a seed column, a run killed in its second seed resumes to the same metrics,
 * and commands that need one seed's run pick it.
 */
@Tag("reliability")
class SeedRunsTest {
  @TempDir
  Path dir;

  static final String[] EXTRA = {"variants=[{name: HGs, set: {sa.epochs: 0}}, {name: HGs+SA, set: {sa.enabled: true}}]",
      "evaluate.perEpoch=false"};

  private static Cli sa(List<String> args) {
    return Cli.run(args.toArray(new String[0]));
  }

  private static List<String> with(List<String> args, String... more) {
    List<String> a = new ArrayList<>(args);
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void eachSeedIsTheOneSeedRunAndAKilledRunResumesToTheSameMetrics() throws Exception {
    Path multi = dir.resolve("multi");
    Cli c = sa(with(TinyRun.args(multi, EXTRA), "--set", "seeds=[5, 6]"));
    assertThat(c.code()).as(c.err()).isZero();
    List<String> rows = Files.readAllLines(multi.resolve("metrics.csv"));
    assertThat(rows.get(0)).isEqualTo("seed,variant,subset,target,metric,value,faces");
    assertThat(rows.stream().skip(1).map(r -> r.split(",")[0]).distinct()).containsExactly("5", "6");
    assertThat(Files.readAllLines(multi.resolve("history.csv")).get(0)).startsWith("seed,");
    assertThat(multi.resolve("report/report.html")).exists();

    Path one = dir.resolve("one");
    c = sa(with(TinyRun.args(one, EXTRA), "--set", "seed=6"));
    assertThat(c.code()).as(c.err()).isZero();
    String seed6 = rows.stream().filter(r -> r.startsWith("6,")).map(r -> r.substring(2)).collect(Collectors.joining("\n"));
    String alone = Files.readAllLines(one.resolve("metrics.csv")).stream().skip(1).collect(Collectors.joining("\n"));
    assertThat(seed6).isEqualTo(alone);

    Path killed = dir.resolve("killed");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.sa.app.Main"));
    cmd.addAll(with(TinyRun.args(killed, EXTRA), "--set", "seeds=[5, 6]"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
    Path marker = killed.resolve("seed-6/variants/hgs-sa/ckpt/latest");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the run should be in its second seed's SA phase; log: " + dir.resolve("killed.log")).isTrue();
    p.destroyForcibly().waitFor();
    assertThat(killed.resolve("metrics.csv")).doesNotExist();
    c = sa(List.of("--plugins", TinyRun.plugins().toString(), "run", "--resume", killed.toString()));
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(Files.readString(killed.resolve("metrics.csv"))).isEqualTo(Files.readString(multi.resolve("metrics.csv")));

    // a command on one seed's run: the first seed unless --seed says otherwise
    assertThat(SeedRuns.pick(multi, null, m -> { })).isEqualTo(multi.resolve("seed-5"));
    assertThat(SeedRuns.pick(multi, 6L, m -> { })).isEqualTo(multi.resolve("seed-6"));
    c = sa(List.of("--plugins", TinyRun.plugins().toString(), "align", multi.toString(), "--seed", "7"));
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err()).contains("--seed 7: not a seed of").contains("its seeds: 5, 6");
  }

  @Test
  void badSeedsAndControlAreRefusedBeforeAnyFolderExists() {
    for (String[] c : new String[][] {
        {"seeds=[1, 1]", "seeds[1]: 1 is listed twice"},
        {"seeds=[1, x]", "seeds[1]"},
        {"report.control=Nope", "report.control: 'Nope' is not a variant of this config; valid: 'HGs', 'HGs+SA'"}}) {
      Path out = dir.resolve("bad");
      Cli r = sa(with(TinyRun.args(out, EXTRA), "--set", c[0]));
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains(c[1]);
      assertThat(out).doesNotExist();
    }
    Cli r = sa(with(TinyRun.args(dir.resolve("bad"), EXTRA), "--seeds", "0"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--seeds 0: expected a number of seeds 1..1000");
  }
}
