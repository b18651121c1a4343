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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 17, item 5: numeric keys outside their domain are refused at load, with file, path and range. */
@Tag("reliability")
class ConfigDomainsTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sa.window=0        | sa.window: must be an odd whole number >= 1 (1, 3, 5, ...), got 0",
      "sa.window=-3       | sa.window: must be an odd whole number >= 1",
      "sa.window=16       | sa.window: must be an odd whole number >= 1 (1, 3, 5, ...), got 16",
      "sa.template=0      | sa.template: must be an odd whole number >= 1",
      "sa.template=18     | sa.template: must be an odd whole number >= 1 (1, 3, 5, ...), got 18",
      "sa.upsample=2      | sa.upsample: must be an odd whole number >= 1 (1, 3, 5), got 2",
      "sa.upsample=0      | sa.upsample: must be an odd whole number >= 1",
      "sa.updateShare=0   | sa.updateShare: must be in (0, 1] (1 = every face's o moves, the paper), got 0",
      "sa.updateShare=1.5 | sa.updateShare: must be in (0, 1]",
      "train.schedule.lr=0     | train.schedule.lr: must be > 0, got 0",
      "sa.schedule.lr=-0.001   | sa.schedule.lr: must be > 0, got -0.001",
      "train.epochs=-1    | train.epochs: must be >= 0, got -1",
      "train.preciseBn=-1 | train.preciseBn: must be >= 0 (training batches; 0 = the engine's moving averages), got -1",
      "sa.epochs=-2       | sa.epochs: must be >= 0, got -2",
      "train.batchSize=0  | train.batchSize: must be >= 1, got 0",
      "evaluate.batchSize=0 | evaluate.batchSize: must be >= 1, got 0",
      "input.size=0       | input.size: must be >= 16, got 0",
      "input.heatmapSize=0 | input.heatmapSize: must be >= 8 and <= input.size, got 0",
      "input.heatmapSize=128 | input.heatmapSize: must be >= 8 and <= input.size (64), got 128",
      "input.sigma=0      | input.sigma: must be > 0, got 0",
      "input.boxScale=-1  | input.boxScale: must be > 0, got -1",
      "dataset.validationFraction=1 | dataset.validationFraction: must be in [0, 1), got 1",
      "dataset.validationFraction=-0.1 | dataset.validationFraction: must be in [0, 1), got -0.1",
      "sa.lambda=-0.5     | sa.lambda: must be >= 0 (0 keeps the human annotation), got -0.5",
      "train.collapseRatio=0.9 | train.collapseRatio: must be 0 (never stop) or > 1, e.g. 1.5, got 0.9",
      "train.collapseRatio=1 | train.collapseRatio: must be 0 (never stop) or > 1",
      "sa.templateFloor=0 | sa.templateFloor: must be in (0, 1), got 0",
      "train.schedule.factors=[0] | train.schedule.factors[0]: must be > 0, got 0",
      "sa.referenceSize=0 | sa.referenceSize: must be > 0, got 0"})
  void aValueOutsideItsDomainIsRefusedWithPathAndRange(String set, String message) throws Exception {
    Path f = dir.resolve("c.yaml");
    int eq = set.indexOf('=');
    Files.writeString(f, "name: t\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of(set)))
        .isInstanceOf(SaException.class)
        .satisfies(e -> assertThat(((SaException) e).exitCode()).isEqualTo(2))
        .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1))
        .hasMessageStartingWith(f + ": " + set.substring(0, eq))
        .hasMessageContaining(message);
  }

  @Test
  void aFileValueIsNamedWithTheFileAndEveryProblemIsToldTogether() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "sa:\n  window: 8\n  template: -1\ntrain:\n  epochs: -1\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(SaException.class)
        .satisfies(e -> assertThat(e.getMessage().lines()).containsExactly(
            f + ": train.epochs: must be >= 0, got -1",
            f + ": sa.window: must be an odd whole number >= 1 (1, 3, 5, ...), got 8",
            f + ": sa.template: must be an odd whole number >= 1 (1, 3, 5, ...), got -1"));
  }

  @Test
  void aVariantOrSweepValueOutsideItsDomainNamesTheVariant() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("sweeps=[{key: sa.window, values: [9, 10]}]")))
        .hasMessage("built-in quick-start config: sweeps[0].values[1]: sa.window: must be an odd whole number >= 1"
            + " (1, 3, 5, ...), got 10");
  }

  @Test
  void validValuesAtTheEdgesAreAccepted() {
    SaConfig c = ConfigLoader.load(null, List.of("sa.window=1", "sa.template=1", "sa.upsample=1", "train.epochs=0",
        "sa.epochs=0", "train.collapseRatio=0", "dataset.validationFraction=0", "sa.lambda=0", "train.batchSize=1",
        "input.heatmapSize=64")).config();
    assertThat(c.sa().window()).isEqualTo(1);
  }
}
