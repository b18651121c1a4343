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

  /**
   * A run folder made before {@code train.preciseBn} existed keeps the engine's moving averages
   * (its fingerprint and its baseline key with them); a new config, or a folder that names the key,
   * gets what it says or the default.
   */
  @Test
  void aRunFolderMadeBeforeAKeyKeepsTheBehaviourFromBeforeIt() throws Exception {
    String old = ConfigLoader.YAML.writeValueAsString(ConfigLoader.load(null, List.of()).tree())
        .replace("  preciseBn: 8\n", "");
    assertThat(old).doesNotContain("preciseBn");
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve(ConfigLoader.RESOLVED), old);
    assertThat(ConfigLoader.load(run.resolve(ConfigLoader.RESOLVED), List.of()).config().train().preciseBn()).isZero();
    Files.writeString(dir.resolve("mine.yaml"), old);
    assertThat(ConfigLoader.load(dir.resolve("mine.yaml"), List.of()).config().train().preciseBn()).isEqualTo(16);
    Files.writeString(run.resolve(ConfigLoader.RESOLVED), old.replace("train:\n", "train:\n  preciseBn: 4\n"));
    assertThat(ConfigLoader.load(run.resolve(ConfigLoader.RESOLVED), List.of()).config().train().preciseBn()).isEqualTo(4);
    assertThat(ConfigLoader.load(null, List.of()).config().train().preciseBn()).as("the quick-start's").isEqualTo(8);
  }
}
