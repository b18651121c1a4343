package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.SaCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed (SIGKILL) in the middle of its SA phase and resumed with {@code --resume} ends with
 * exactly the metrics of an uninterrupted run with the same seed, and the resume removes the
 * half-written temp files a kill leaves.
 */
@Tag("reliability")
class ResumeTest {
  @TempDir
  Path dir;

  @Test
  void killedRunResumesToTheSameMetrics() throws Exception {
    String[] extra = {"variants=[{name: HGs+SA, set: {sa.enabled: true}}]", "sa.epochs=3", "evaluate.perEpoch=false"};
    Path whole = dir.resolve("whole");
    assertThat(SaCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        TinyRun.args(whole, extra).toArray(new String[0]))).isZero();
    // evaluate.perEpoch=false drops the per-epoch test curves, not the validation scores the
    // collapse guard and the jump table read: every epoch of every phase has them.
    List<String> history = Files.readAllLines(whole.resolve("history.csv"));
    assertThat(history).filteredOn(l -> l.contains(",val_nme,")).hasSize(2 + 3);
    assertThat(history).filteredOn(l -> l.contains(",val_nme_median,")).hasSize(2 + 3);
    assertThat(history).noneMatch(l -> l.contains(",test_nme"));

    Path killed = dir.resolve("killed");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.sa.app.Main"));
    cmd.addAll(TinyRun.args(killed, extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile())
        .start();
    Path marker = killed.resolve("variants/hgs-sa/ckpt/latest");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the run should still be in its SA phase; log: " + dir.resolve("killed.log")).isTrue();
    p.destroyForcibly().waitFor();
    assertThat(killed.resolve("metrics.csv")).doesNotExist();
    // What a kill while a figure or a checkpoint file is written leaves behind.
    Path staleFigure = Files.createDirectories(killed.resolve("figures")).resolve(".faces-hgs-sa.png.1x2y3z.tmp");
    Path staleCkpt = killed.resolve("variants/hgs-sa/ckpt/.model.params.abc123.tmp");
    Files.write(staleFigure, new byte[] {(byte) 0x89, 'P', 'N'});
    Files.write(staleCkpt, new byte[10]);

    StringWriter err = new StringWriter();
    int code = SaCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "--plugins",
        TinyRun.plugins().toString(), "run", "--resume", killed.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("resuming after epoch");
    assertThat(err.toString()).contains("removed 2 half-written temp file(s) of a stopped run");
    assertThat(staleFigure).doesNotExist();
    assertThat(staleCkpt).doesNotExist();
    // the finished baseline is found again, not retrained
    try (var dirs = Files.list(killed)) {
      assertThat(dirs.filter(d -> d.getFileName().toString().startsWith("baseline-"))).hasSize(1);
    }
    assertThat(Files.readString(killed.resolve("metrics.csv"))).isEqualTo(Files.readString(whole.resolve("metrics.csv")));
  }
}
