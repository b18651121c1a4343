package dev.sa.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import dev.sa.app.run.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny config with 2 seeds x 2 variants submitted to a real one-node Slurm cluster (a job per
 * baseline, per variant and per seed's merge, plus the report) gives the metrics of the same config
 * run locally (both with one engine thread), and {@code sa status}
 * tells the jobs. Skipped, saying why, without a cluster.
 */
class SlurmRunTest {
  @TempDir
  Path dir;

  static final String[] EXTRA = {"variants=[{name: HGs, set: {sa.epochs: 0}}, {name: HGs+SA, set: {sa.enabled: true}}]",
      "evaluate.perEpoch=false", "seeds=[3, 4]"};

  @Test
  void clusterRunEqualsLocalRun() throws Exception {
    SlurmClientTest.assumeCluster();
    Path local = dir.resolve("local");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.sa.app.Main"));
    cmd.addAll(TinyRun.args(local, EXTRA));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("local.log").toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process localRun = pb.start();

    Path settings = dir.resolve("slurm.yaml");
    Files.writeString(settings, "cpusPerTask: 1\ntime: \"30\"\n");
    Path cluster = dir.resolve("cluster");
    List<String> args = new ArrayList<>(TinyRun.args(cluster, EXTRA));
    args.addAll(List.of("--executor", "slurm", "--slurm-options", settings.toString()));
    Cli submitted = Cli.run(args.toArray(new String[0]));
    assertThat(submitted.code()).as(submitted.err()).isZero();
    // per seed: a baseline, the two variants side by side after it, the seed's merge; then the report
    assertThat(submitted.out()).contains("submitted 9 job(s)");
    assertThat(cluster.resolve("slurm/seed-3.sh")).exists();

    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
    while (!Files.exists(cluster.resolve("report/report.html")) && System.nanoTime() < deadline) {
      Thread.sleep(1000);
    }
    assertThat(localRun.waitFor(8, TimeUnit.MINUTES)).isTrue();
    assertThat(localRun.exitValue()).as(Files.readString(dir.resolve("local.log"))).isZero();
    assertThat(cluster.resolve("report/report.html")).as(logs(cluster)).exists();
    assertThat(Files.readString(cluster.resolve("metrics.csv"))).isEqualTo(Files.readString(local.resolve("metrics.csv")));

    Cli status = Cli.run("--plugins", TinyRun.plugins().toString(), "status", cluster.toString());
    assertThat(status.code()).isZero();
    assertThat(status.out()).contains("seed-3.baseline-").contains("seed-4.variant-hgs-sa").contains("report")
        .contains("all done");

    // nothing is missing, so a resume submits nothing
    Cli again = Cli.run("--plugins", TinyRun.plugins().toString(), "run", "--resume", cluster.toString(), "--executor", "slurm");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("nothing to submit");
  }

  private static String logs(Path run) throws Exception {
    StringBuilder s = new StringBuilder();
    try (var files = Files.list(run.resolve("slurm"))) {
      for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".out"))::iterator) {
        s.append(f).append(":\n").append(Files.readString(f)).append('\n');
      }
    }
    return s.toString();
  }
}
