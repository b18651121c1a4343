package dev.sa.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named config choices are typed and checked when the config is loaded: every bad value is one
 * line naming the file, the dotted path and the valid values, with a did-you-mean hint (exit 2).
 */
class ChoicesTest {
  @TempDir
  Path dir;

  @Test
  void choicesBindToTheirTypes() {
    SaConfig c = ConfigLoader.load(null, List.of("engine=MXNet", "graph=off", "sa.loss=chi2", "sa.labels=truth",
        "sa.chi2=field", "devices=gpu:1, 0")).config();
    assertThat(c.engine()).isEqualTo(Choices.Engine.MXNET);
    assertThat(c.engine().djlName()).isEqualTo("MXNet");
    assertThat(c.graph()).isEqualTo(Choices.GraphMode.OFF);
    assertThat(c.sa().loss()).isEqualTo(Choices.SaLoss.CHI2);
    assertThat(c.sa().labels()).isEqualTo(Choices.Labels.TRUTH);
    assertThat(c.sa().chi2()).isEqualTo(Choices.Chi2.FIELD);
    assertThat(c.train().loss()).isEqualTo(Choices.TrainLoss.MSE);
    assertThat(c.devices().list()).containsExactly(Device.gpu(1), Device.gpu(0));
    assertThat(c.devices()).hasToString("gpu:1,0");
    // Written back as in YAML (resolved-config.yaml, fingerprints).
    assertThat(ConfigLoader.YAML.valueToTree(c).get("graph").asText()).isEqualTo("off");
    assertThat(ConfigLoader.YAML.valueToTree(c).at("/sa/loss").asText()).isEqualTo("chi2");
  }

  @Test
  void perEpochNamesItsPhasesAndReadsYamlBooleans() throws Exception {
    assertThat(ConfigLoader.load(null, List.of()).config().evaluate().perEpoch())
        .isEqualTo(Choices.PerEpoch.CONTINUATION);
    Path f = dir.resolve("per-epoch.yaml");
    Files.writeString(f, "evaluate: {perEpoch: true}\n");
    assertThat(ConfigLoader.load(f, List.of()).config().evaluate().perEpoch()).isEqualTo(Choices.PerEpoch.ALL);
    assertThat(ConfigLoader.load(null, List.of("evaluate.perEpoch=false")).config().evaluate().perEpoch())
        .isEqualTo(Choices.PerEpoch.NONE);
    // the baseline (and fold networks) score the test curve only with 'all'; the phases after it unless 'none'
    assertThat(Choices.PerEpoch.CONTINUATION.scores(true)).isFalse();
    assertThat(Choices.PerEpoch.CONTINUATION.scores(false)).isTrue();
    assertThat(Choices.PerEpoch.ALL.scores(true)).isTrue();
    assertThat(Choices.PerEpoch.NONE.scores(false)).isFalse();
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("evaluate.perEpoch=continue")))
        .isInstanceOf(SaException.class)
        .hasMessageContaining("evaluate.perEpoch: 'continue' is not one of [continuation, all, none]");
  }

  @Test
  void yamlsUnquotedOffIsTheGraphModeOff() throws Exception {
    Path f = dir.resolve("off.yaml");
    Files.writeString(f, "graph: off\n");
    assertThat(ConfigLoader.load(f, List.of()).config().graph()).isEqualTo(Choices.GraphMode.OFF);
  }

  @Test
  void everyBadChoiceIsToldAtLoadWithThePathTheValidValuesAndAHint() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "engine: mxnt\ndevices: tpu\ngraph: statik\ntrain:\n  loss: l2\n"
        + "sa:\n  loss: chi\n  labels: humans\n  chi2: windows\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(SaException.class)
        .satisfies(e -> {
          assertThat(((SaException) e).exitCode()).isEqualTo(2);
          assertThat(e.getMessage().split("\n")).hasSize(7).allMatch(l -> l.startsWith(f + ": "));
          assertThat(e.getMessage()).contains(
              "engine: 'mxnt' is not one of [mxnet, pytorch] (did you mean 'mxnet'?)",
              "devices: 'tpu' is not valid; use cpu, gpu or gpu:0,1",
              "graph: 'statik' is not one of [static, dynamic, off] (did you mean 'static'?)",
              "train.loss: 'l2' is not one of [mse]",
              "sa.loss: 'chi' is not one of [mse, chi2] (did you mean 'chi2'?)",
              "sa.labels: 'humans' is not one of [human, truth] (did you mean 'human'?)",
              "sa.chi2: 'windows' is not one of [window, field] (did you mean 'window'?)");
        });
  }

  @Test
  void aVariantsBadChoiceNamesTheVariant() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("variants=[{name: a, set: {sa.loss: chl2}}]")))
        .hasMessageContaining("variants[0].set: sa.loss: 'chl2' is not one of [mse, chi2] (did you mean 'chi2'?)");
  }

  @Test
  void devicesParseOnce() {
    assertThat(Devices.parse(" CPU ").list()).containsExactly(Device.cpu());
    assertThat(Devices.parse("gpu").list()).containsExactly(Device.gpu(0));
    assertThat(Devices.parse("gpu:0, 1").list()).containsExactly(Device.gpu(0), Device.gpu(1));
    assertThat(Devices.parse("gpu:0,1").first()).isEqualTo(Device.gpu(0));
    for (String bad : List.of("tpu", "gpu:", "gpu:x", "gpu:-1", "gpu:0,0", "")) {
      assertThatThrownBy(() -> Devices.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("gpu:0,1");
    }
    assertThatThrownBy(() -> Devices.of(List.of(Device.cpu(), Device.cpu())))
        .hasMessageContaining("distinct devices");
  }
}
