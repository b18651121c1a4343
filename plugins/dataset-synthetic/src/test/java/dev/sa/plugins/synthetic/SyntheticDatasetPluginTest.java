package dev.sa.plugins.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.SaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SyntheticDatasetPluginTest {
  @Test
  void describesItself() {
    SyntheticDatasetPlugin p = new SyntheticDatasetPlugin();
    assertThat(p.id()).isEqualTo("synthetic");
    assertThat(p.description()).isNotBlank();
    assertThat(p.optionsType()).isEqualTo(SyntheticOptions.class);
    assertThat(p.scheme().name()).isEqualTo("ibug68");
    assertThat(p.scheme().count()).isEqualTo(68);
  }

  @Test
  void pf4jIndexNamesTheExtension() throws IOException {
    Path idx = Path.of("target/classes/META-INF/extensions.idx");
    assertThat(idx).exists();
    assertThat(Files.readAllLines(idx)).contains(SyntheticDatasetPlugin.class.getName());
  }

  @Test
  void descriptorKeepsThePluginId() throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(Path.of("plugin.properties"))) {
      props.load(in);
    }
    assertThat(props.getProperty("plugin.id")).isEqualTo("dataset-synthetic");
  }

  @Test
  void nullOptionsOpenTheDefaults() {
    Dataset d = new SyntheticDatasetPlugin().open(new DatasetContext(Path.of("x"), 3, "dataset"), null);
    assertThat(d.split("train")).hasSize(600);
    assertThat(d.split("common")).hasSize(150);
    assertThat(d.split("challenge")).hasSize(60);
    assertThat(d.split("full")).hasSize(210);
  }

  @Test
  void foreignOptionsArePluginErrors() {
    record Other(Integer x) {}
    assertThatThrownBy(() -> new SyntheticDatasetPlugin()
        .open(new DatasetContext(Path.of("x"), 3, "datasets.train"), new Other(1)))
        .isInstanceOf(SaException.class)
        .hasMessageContaining("datasets.train");
  }

  @Test
  void faceBoxScaleIsTheOptionsBoxScale() {
    SyntheticDatasetPlugin p = new SyntheticDatasetPlugin();
    assertThat(p.faceBoxScale(null)).isEqualTo(1.25);
    assertThat(p.faceBoxScale(new SyntheticOptions(null, 1.5, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null))).isEqualTo(1.5);
  }
}
