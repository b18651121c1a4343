package dev.sa.plugins.ghcu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.sa.api.Described;
import dev.sa.api.RefinerSpec;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GhcuPluginTest {
  @Test
  void extensionIndexNamesThePlugin() throws Exception {
    Path idx = Path.of("target/classes/META-INF/extensions.idx");
    assertThat(Files.readAllLines(idx)).contains(GhcuRefinerPlugin.class.getName());
  }

  @Test
  void describesItself() {
    GhcuRefinerPlugin plugin = new GhcuRefinerPlugin();
    assertThat(plugin.id()).isEqualTo("ghcu");
    assertThat(plugin.optionsType()).isEqualTo(GhcuOptions.class);
    assertThat(plugin.description()).contains("Table 1");
  }

  @Test
  void optionsFillDefaultsAndNameTheBadKey() {
    GhcuOptions d = GhcuOptions.defaults();
    assertThat(d.loss()).isEqualTo("l1");
    assertThat(d.lr()).isEqualTo(1e-3);
    assertThat(d.epochs()).isEqualTo(30);
    assertThat(d.batch()).isEqualTo(32);
    assertThat(d.residual()).isFalse();
    assertThat(new GhcuOptions("MSE", null, null, null, true, null).loss()).isEqualTo("mse");
    assertThatThrownBy(() -> new GhcuOptions("huber", null, null, null, null, null)).hasMessageContaining("options.loss");
    assertThatThrownBy(() -> new GhcuOptions(null, 0.0, null, null, null, null)).hasMessageContaining("options.lr");
    assertThatThrownBy(() -> new GhcuOptions(null, null, 0, null, null, null)).hasMessageContaining("options.epochs");
    assertThatThrownBy(() -> new GhcuOptions(null, null, null, null, null, "step")).hasMessageContaining("options.schedule");
    assertThatThrownBy(() -> new GhcuOptions(null, null, null, 1, null, null)).hasMessageContaining("options.batch")
        .hasMessageContaining("2..4096");
  }

  @Test
  void createRejectsForeignOptionsAndBadHeatmapSize() {
    GhcuRefinerPlugin plugin = new GhcuRefinerPlugin();
    RefinerSpec foreign = new RefinerSpec(GhcuRefinerTest.scheme(5), 16, 1, Device.cpu(), new Described.NoOptions());
    assertThatThrownBy(() -> plugin.create(foreign)).isInstanceOf(SaException.class).hasMessageContaining("GhcuOptions");
    RefinerSpec badSize = new RefinerSpec(GhcuRefinerTest.scheme(5), 48, 1, Device.cpu(), null);
    assertThatThrownBy(() -> plugin.create(badSize)).isInstanceOf(SaException.class).hasMessageContaining("heatmap size 48");
  }
}
