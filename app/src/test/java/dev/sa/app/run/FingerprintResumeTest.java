package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 2: a run folder whose resolved-config.yaml was edited after its checkpoints were
 * made is refused by {@code --resume} and {@code sa evaluate}, naming the keys that differ.
 */
@Tag("reliability")
class FingerprintResumeTest {
  @TempDir
  Path dir;

  private static Cli sa(List<String> args) {
    return Cli.run(args.toArray(new String[0]));
  }

  private static List<String> plugins(String... rest) {
    List<String> a = new java.util.ArrayList<>(List.of("--plugins", TinyRun.plugins().toString()));
    a.addAll(List.of(rest));
    return a;
  }

  @Test
  void anEditedConfigIsRefusedOnResumeAndEvaluateNamingTheKeys() throws Exception {
    Path run = dir.resolve("R");
    Cli first = sa(TinyRun.args(run, "train.epochs=1", "sa.epochs=1", "evaluate.perEpoch=false",
        "evaluate.meanShape=false", "variants=[{name: HGs+SA, set: {sa.enabled: true}}]"));
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(run.resolve(RunFolder.FINGERPRINT)).exists();
    assertThat(run.resolve("variants/hgs-sa/ckpt/epoch-0001/" + Checkpoints.FINGERPRINT)).exists();
    Path resolved = run.resolve("resolved-config.yaml");
    String original = Files.readString(resolved);
    String metrics = Files.readString(run.resolve("metrics.csv"));

    String edited = original.replaceFirst("(?m)^  lambda: 0\\.1$", "  lambda: 0.5").replaceFirst("(?m)^seed: 42$",
        "seed: 7");
    assertThat(edited).isNotEqualTo(original);
    Files.writeString(resolved, edited);
    for (List<String> args : List.of(plugins("run", "--resume", run.toString()), plugins("evaluate", run.toString()))) {
      Cli r = sa(args);
      assertThat(r.code()).as(args + ": " + r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines()).hasSize(1);
      assertThat(r.err()).contains(resolved.toString(), "sa.lambda: 0.1 -> 0.5", "seed: 42 -> 7");
      assertThat(run.resolve("variants/hgs-sa/result/done")).as("nothing changed").exists();
      assertThat(Files.readString(run.resolve("metrics.csv"))).isEqualTo(metrics);
    }

    // Undone, the run is accepted again (the fingerprint survives the YAML round trip), and
    // evaluate --subsets is not a change of the run's config.
    Files.writeString(resolved, original);
    Cli again = sa(plugins("evaluate", "--subsets", "full", run.toString()));
    assertThat(again.code()).as(again.err()).isZero();

    // A checkpoint made by another config (its own fingerprint) is refused as well.
    Path ckpt = run.resolve("variants/hgs-sa/ckpt/epoch-0001");
    Files.writeString(ckpt.resolve(Checkpoints.FINGERPRINT), "0123456789abcdef\n");
    Cli other = sa(plugins("evaluate", run.toString()));
    assertThat(other.code()).as(other.err()).isEqualTo(2);
    assertThat(other.err()).contains(ckpt.toString(), "made by another config");
  }
}
