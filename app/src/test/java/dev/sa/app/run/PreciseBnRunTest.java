package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.SaCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train.preciseBn} through a whole run: it changes what evaluation sees, and stays repeatable. */
class PreciseBnRunTest {
  @TempDir
  Path dir;

  private String metrics(String name, String preciseBn) throws Exception {
    Path out = dir.resolve(name);
    StringWriter err = new StringWriter();
    int code = SaCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
        TinyRun.args(out, "backbone.options.norm=batch", "train.preciseBn=" + preciseBn, "sa.epochs=0",
            "variants=[{name: HGs, set: {sa.epochs: 0}}]").toArray(new String[0]));
    assertThat(code).as(err.toString()).isZero();
    return Files.readString(out.resolve("metrics.csv"));
  }

  @Test
  void reEstimatedAveragesChangeTheScoresAndRepeat() throws Exception {
    String twice = metrics("a", "2");
    assertThat(metrics("b", "2")).isEqualTo(twice);
    assertThat(metrics("off", "0")).isNotEqualTo(twice);
  }
}
