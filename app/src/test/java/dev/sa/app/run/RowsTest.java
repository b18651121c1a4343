package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table read back and written again keeps its quoting: variant names may hold commas. */
class RowsTest {
  @TempDir
  Path dir;

  @Test
  void aNameWithACommaSurvivesReadingAndWritingAgain() throws Exception {
    Rows rows = new Rows("variant", "metric", "value");
    rows.add("HGs+SA (weak points, centred moves)", "nme", 4.25);
    rows.add("say \"hi\"", "nme", 1.0);
    Path first = dir.resolve("a.csv");
    rows.write(first);

    Rows read = Rows.read(first, "variant", "metric", "value");
    Rows merged = new Rows("variant", "metric", "value");
    merged.addAll(read);
    Path second = dir.resolve("b.csv");
    merged.write(second);

    assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
    assertThat(Files.readAllLines(second).get(1)).isEqualTo("\"HGs+SA (weak points, centred moves)\",nme,4.25000");
    assertThat(read.value("HGs+SA (weak points, centred moves)", "nme")).isEqualTo(4.25);
    assertThat(Rows.splitCsv(Files.readAllLines(second).get(1))).hasSize(3);
  }
}
