package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 4, through the CLI: a resume whose latest checkpoint is corrupt continues from the
 * previous one with a warning naming the file and ends with the same metrics; with every
 * checkpoint corrupt it is refused with exit 2, one line naming the folder.
 */
@Tag("reliability")
class CorruptCheckpointResumeTest {
  @TempDir
  Path dir;

  private static Cli sa(List<String> args) {
    return Cli.run(args.toArray(new String[0]));
  }

  private static Cli resume(Path run) throws Exception {
    // Unfinished again: the SA variant's phase resumes from its checkpoints.
    Files.delete(run.resolve("variants/hgs-sa/result/done"));
    return sa(List.of("--plugins", TinyRun.plugins().toString(), "run", "--resume", run.toString()));
  }

  @Test
  void aCorruptLatestCheckpointResumesFromThePreviousOneAndNoneUsableIsRefused() throws Exception {
    Path run = dir.resolve("R");
    Cli first = sa(TinyRun.args(run, "sa.epochs=2", "evaluate.perEpoch=false", "evaluate.meanShape=false",
        "variants=[{name: HGs+SA, set: {sa.enabled: true}}]"));
    assertThat(first.code()).as(first.err()).isZero();
    String metrics = Files.readString(run.resolve("metrics.csv"));
    Path ckpt = run.resolve("variants/hgs-sa/ckpt");
    Path params = ckpt.resolve("epoch-0002/model.params");
    try (FileChannel c = FileChannel.open(params, StandardOpenOption.WRITE)) {
      c.truncate(Files.size(params) / 3);
    }

    Cli again = resume(run);
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.err()).contains("warning: checkpoint", params.toString(), "truncated",
        "resuming after epoch 1");
    assertThat(Files.readString(run.resolve("metrics.csv"))).as("epoch 2 trained again from epoch 1")
        .isEqualTo(metrics);

    Files.write(ckpt.resolve("epoch-0002/optimizer.bin"), new byte[0]);
    Files.write(ckpt.resolve("epoch-0001/labels.csv"), "garbage".getBytes(), StandardOpenOption.APPEND);
    Cli refused = resume(run);
    assertThat(refused.code()).as(refused.err()).isEqualTo(2);
    List<String> errors = new ArrayList<>(refused.err().strip().lines().filter(l -> l.startsWith("sa: ")).toList());
    assertThat(errors).singleElement().asString().contains(ckpt.toString(), "no usable checkpoint",
        "optimizer.bin", "labels.csv");
  }
}
