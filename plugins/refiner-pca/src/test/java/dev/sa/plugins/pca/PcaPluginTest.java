package dev.sa.plugins.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.sa.api.Described;
import dev.sa.api.RefinerSpec;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PcaPluginTest {
  @Test
  void extensionIndexNamesThePlugin() throws Exception {
    Path idx = Path.of("target/classes/META-INF/extensions.idx");
    assertThat(Files.readAllLines(idx)).contains(PcaRefinerPlugin.class.getName());
  }

  @Test
  void describesItself() {
    PcaRefinerPlugin plugin = new PcaRefinerPlugin();
    assertThat(plugin.id()).isEqualTo("pca");
    assertThat(plugin.optionsType()).isEqualTo(PcaOptions.class);
    assertThat(plugin.description()).contains("Table 8");
  }

  @Test
  void optionsFillDefaultsAndNameTheBadKey() {
    PcaOptions d = PcaOptions.defaults();
    assertThat(d.variance()).isEqualTo(0.98);
    assertThat(d.components()).isZero();
    assertThat(d.iterations()).isEqualTo(10);
    assertThat(d.robust()).isEqualTo("huber");
    assertThat(d.clamp()).isEqualTo(3.0);
    assertThat(d.minConfidence()).isEqualTo(1e-3);
    assertThatThrownBy(() -> new PcaOptions(1.5, null, null, null, null, null)).hasMessageContaining("options.variance").hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> new PcaOptions(null, -1, null, null, null, null)).hasMessageContaining("options.components");
    assertThatThrownBy(() -> new PcaOptions(null, null, 0, null, null, null)).hasMessageContaining("options.iterations");
    assertThatThrownBy(() -> new PcaOptions(null, null, null, "cauchy", null, null)).hasMessageContaining("options.robust");
    assertThatThrownBy(() -> new PcaOptions(null, null, null, null, 0.0, null)).hasMessageContaining("options.clamp");
    assertThatThrownBy(() -> new PcaOptions(null, null, null, null, null, 0.0)).hasMessageContaining("options.minConfidence");
  }

  @Test
  void createRejectsForeignOptionsAndTooFewPoints() {
    PcaRefinerPlugin plugin = new PcaRefinerPlugin();
    assertThatThrownBy(() -> plugin.create(new RefinerSpec(PcaRefinerTest.scheme(5), 4, 1, Device.cpu(), new Described.NoOptions())))
        .isInstanceOf(SaException.class).hasMessageContaining("PcaOptions");
    assertThatThrownBy(() -> plugin.create(new RefinerSpec(PcaRefinerTest.scheme(2), 4, 1, Device.cpu(), null)))
        .isInstanceOf(SaException.class).hasMessageContaining("at least 3 landmarks");
  }
}
