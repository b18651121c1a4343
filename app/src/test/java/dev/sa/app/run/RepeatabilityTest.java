package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed gives a byte-identical {@code metrics.csv} in another process at a fixed thread
 * count, also when that process competes for the CPU with a busy one (issue: "the same seed gives
 * different numbers in another process"). Two engine threads, baseline and an SA phase with
 * per-epoch evaluation, and a small heap in one of the two so that garbage collections fall at
 * other moments. About 35 s on an idle 2-core machine; with other jobs beside it, minutes.
 */
class RepeatabilityTest {
  @TempDir
  Path dir;

  private Process start(Path out, String heap) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
        "-cp", System.getProperty("java.class.path"), "dev.sa.app.Main"));
    cmd.addAll(TinyRun.args(out, "variants=[{name: HGs+SA, set: {sa.enabled: true}}]", "evaluate.perEpoch=true"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(out.getFileName() + ".log").toFile());
    pb.environment().put("OMP_NUM_THREADS", "2");
    return pb.start();
  }

  @Test
  void sameSeedSameBytesInAnotherProcessUnderLoad() throws Exception {
    Path quiet = dir.resolve("quiet");
    Process a = start(quiet, "-Xmx2g");
    assertThat(a.waitFor(15, TimeUnit.MINUTES)).isTrue();
    assertThat(a.exitValue()).as(Files.readString(dir.resolve("quiet.log"))).isZero();

    AtomicBoolean busy = new AtomicBoolean(true);
    List<Thread> burners = new ArrayList<>();
    for (int i = 0; i < 1; i++) {
      Thread t = new Thread(() -> {
        double x = 0;
        while (busy.get()) {
          x += Math.sqrt(x + 1);
        }
      });
      t.setDaemon(true);
      t.start();
      burners.add(t);
    }
    Path loaded = dir.resolve("loaded");
    try {
      Process b = start(loaded, "-Xmx256m");
      assertThat(b.waitFor(15, TimeUnit.MINUTES)).isTrue();
      assertThat(b.exitValue()).as(Files.readString(dir.resolve("loaded.log"))).isZero();
    } finally {
      busy.set(false);
    }
    assertThat(Files.readString(loaded.resolve("metrics.csv"))).isEqualTo(Files.readString(quiet.resolve("metrics.csv")));
    assertThat(Files.readString(loaded.resolve("history.csv")).replaceAll("(?m)^.*seconds.*$", ""))
        .isEqualTo(Files.readString(quiet.resolve("history.csv")).replaceAll("(?m)^.*seconds.*$", ""));
  }
}
