package dev.sa.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void builtInDefaultsBind() {
    SaConfig c = ConfigLoader.load(null, List.of()).config();
    assertThat(c.dataset().plugin()).isEqualTo("synthetic");
    assertThat(c.input().size()).isEqualTo(64);
  }

  @Test
  void setOverridesWithYamlScalarsAndLists() {
    SaConfig c = ConfigLoader.load(null, List.of("train.epochs=3", "sa.lambda=0.5", "evaluate.subsets=[common]"))
        .config();
    assertThat(c.train().epochs()).isEqualTo(3);
    assertThat(c.sa().lambda()).isEqualTo(0.5);
    assertThat(c.evaluate().subsets()).containsExactly("common");
  }

  @Test
  void typoInSetSuggestsTheKey() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("trian.epochs=1")))
        .isInstanceOf(SaException.class)
        .hasMessageContaining("trian: unknown key (did you mean 'train'?)");
  }

  @Test
  void everyErrorOfAFileIsReportedTogetherWithPaths() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "train:\n  epochz: 3\n  batchSize: eight\nsa:\n  lambda: [1]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(SaException.class)
        .satisfies(e -> {
          String m = e.getMessage();
          assertThat(m.split("\n")).hasSize(3);
          assertThat(m).contains(f + ": train.epochz: unknown key (did you mean 'epochs'?)");
          assertThat(m).contains("train.batchSize: expected a whole number, got 'eight'");
          assertThat(m).contains("sa.lambda: expected a number, got a list");
          assertThat(((SaException) e).exitCode()).isEqualTo(2);
        });
  }

  @Test
  void badYamlNamesTheLine() throws Exception {
    Path f = dir.resolve("broken.yaml");
    Files.writeString(f, "train:\n  epochs: 3\n bad: [\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of())).hasMessageStartingWith(f + ":");
  }

  @Test
  void variantOverridesAreValidated() throws Exception {
    Path f = dir.resolve("v.yaml");
    Files.writeString(f, "variants:\n  - name: A\n    set: {sa.lamda: 0.1}\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .hasMessageContaining("variants[0].set: sa.lamda: unknown key (did you mean 'lambda'?)");
  }

  @Test
  void suggestFindsClosestWithinDistance() {
    assertThat(Suggest.closest("trian", List.of("train", "sa", "input"))).isEqualTo("train");
    assertThat(Suggest.closest("zzzzzz", List.of("train", "sa"))).isNull();
  }
}
