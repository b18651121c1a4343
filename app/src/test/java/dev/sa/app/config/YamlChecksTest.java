package dev.sa.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, item 6: duplicate keys and aliases are refused with their lines, not read silently. */
@Tag("reliability")
class YamlChecksTest {
  @TempDir
  Path dir;

  private Path file(String text) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, text);
    return f;
  }

  private static void refused(Path f, String... lines) {
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(SaException.class)
        .satisfies(e -> assertThat(((SaException) e).exitCode()).isEqualTo(2))
        .satisfies(e -> assertThat(e.getMessage().lines().toList()).hasSize(lines.length))
        .satisfies(e -> {
          for (String l : lines) {
            assertThat(e.getMessage()).contains(l);
          }
        });
  }

  @Test
  void aDuplicateKeyNamesBothLines() throws Exception {
    Path f = file("train:\n  epochs: 3\n  batchSize: 4\n  epochs: 5\nseed: 1\nseed: 2\n");
    refused(f, f + ":4: duplicate key 'train.epochs' (first at line 2)", f + ":6: duplicate key 'seed' (first at line 5)");
  }

  @Test
  void theSameKeyInOtherSectionsOrListItemsIsNoDuplicate() throws Exception {
    Path f = file("train: {epochs: 1}\nsa: {epochs: 2}\nvariants:\n  - {name: a, set: {seed: 1}}\n"
        + "  - {name: b, set: {seed: 2}}\n");
    assertThat(ConfigLoader.load(f, List.of()).config().sa().epochs()).isEqualTo(2);
  }

  @Test
  void anAliasIsRefusedWithItsLineAndPath() throws Exception {
    Path f = file("train:\n  schedule:\n    lr: &lr 0.001\nsa:\n  schedule:\n    lr: *lr\n");
    refused(f, f + ":6: YAML alias '*lr' at sa.schedule.lr is not supported");
  }

  @Test
  void anAliasInATextKeyDoesNotBecomeItsName() throws Exception {
    Path f = file("name: &n quick\ndataset:\n  root: *n\n");
    refused(f, f + ":3: YAML alias '*n' at dataset.root is not supported");
  }

  @Test
  void aMergeKeyIsRefusedAsWell() throws Exception {
    Path f = file("train: &t {epochs: 1}\nsa:\n  <<: *t\n");
    refused(f, f + ":3: YAML alias '*t' at sa.<< is not supported");
  }

  @Test
  void anAnchorAloneChangesNothing() throws Exception {
    Path f = file("train:\n  epochs: &e 3\n");
    assertThat(ConfigLoader.load(f, List.of()).config().train().epochs()).isEqualTo(3);
  }

  @Test
  void aYamlBombIsStillRefusedQuickly() throws Exception {
    StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      sb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
          .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
          .append(p).append(",*").append(p).append("]\n");
    }
    Path f = file(sb.toString());
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of())).isInstanceOf(SaException.class);
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(3);
  }
}
