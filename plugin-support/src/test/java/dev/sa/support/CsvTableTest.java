package dev.sa.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
  @Test
  void splitsQuotedCells() {
    assertThat(CsvTable.split("a,\"b, c\",\"d\"\"e\",")).containsExactly("a", "b, c", "d\"e", "");
  }

  @Test
  void keepsLineNumbersAndChecksTheHeader(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.csv");
    Files.writeString(file, "name,v\r\nx,1\r\n\r\ny,z\r\n");
    CsvTable t = CsvTable.read(file, List.of("name"), 2);
    assertThat(t.rows()).extracting(CsvTable.Row::line).containsExactly(2, 4);
    assertThat(t.number(t.rows().get(0), 1)).isEqualTo(1.0);
    assertThatThrownBy(() -> t.number(t.rows().get(1), 1))
        .isInstanceOfSatisfying(MalformedFileException.class, e -> {
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.getMessage()).contains("column v").contains("'z' is not a number");
        });
    assertThatThrownBy(() -> CsvTable.read(file, List.of("image_name"), 2))
        .isInstanceOfSatisfying(MalformedFileException.class, e -> assertThat(e.line()).isEqualTo(1));
  }
}
