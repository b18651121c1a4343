package dev.sa.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.SaException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPathsTest {
  @TempDir Path root;

  @Test
  void keepsPathsInsideTheRoot() {
    Path base = root.toAbsolutePath().normalize();
    assertThat(DataPaths.under(root, "afw/1.jpg", "t.csv:2")).isEqualTo(base.resolve("afw/1.jpg"));
    assertThat(DataPaths.under(root, "afw/../helen/2.jpg", "t.csv:2")).isEqualTo(base.resolve("helen/2.jpg"));
  }

  /** Issue 17 item 13: '../outside.jpg' in a split file was trained on. */
  @Test
  void refusesPathsThatLeaveTheRootNamingFileAndLine() {
    for (String bad : new String[] {"../outside.jpg", "a/../../outside.jpg", "/etc/passwd"}) {
      assertThatThrownBy(() -> DataPaths.under(root, bad, "splits/train.csv:12"))
          .isInstanceOfSatisfying(SaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("splits/train.csv:12: path '" + bad + "' resolves outside the data root");
          });
    }
  }

  @Test
  void refusesNamesThatAreNoPath() {
    assertThatThrownBy(() -> DataPaths.under(root, "a\u0000b.jpg", "t.csv:3")).isInstanceOf(SaException.class)
        .hasMessage("t.csv:3: path 'a\\x00b.jpg' is not a valid file name");
  }
}
