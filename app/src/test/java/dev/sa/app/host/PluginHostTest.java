package dev.sa.app.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.DatasetPlugin;
import dev.sa.api.SaException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {
  @TempDir
  Path dir;

  @Test
  void aThirdPartyJarDroppedInTheFolderIsLoadedAndBrokenOnesAreNamed() throws Exception {
    PluginJars.build(dir, "good.jar", "third-party-faces", ">=0.1.0",
        Map.of("com.example.faces.FacesPlugin", PluginJars.datasetSource("com.example.faces", "FacesPlugin", "faces")),
        List.of("com.example.faces.FacesPlugin"), true);
    PluginJars.build(dir, "dupe.jar", "third-party-dupe", ">=0.1.0",
        Map.of("com.example.dupe.DupePlugin", PluginJars.datasetSource("com.example.dupe", "DupePlugin", "faces")),
        List.of("com.example.dupe.DupePlugin"), true);
    PluginJars.build(dir, "noindex.jar", "third-party-noindex", ">=0.1.0",
        Map.of("com.example.n.NPlugin", PluginJars.datasetSource("com.example.n", "NPlugin", "nofaces")),
        List.of("com.example.n.NPlugin"), false);
    PluginJars.build(dir, "future.jar", "third-party-future", ">=9.0.0",
        Map.of("com.example.f.FPlugin", PluginJars.datasetSource("com.example.f", "FPlugin", "future")),
        List.of("com.example.f.FPlugin"), true);
    try (PluginHost host = PluginHost.open(dir, false)) {
      DatasetPlugin p = host.dataset("faces", "dataset.plugin");
      assertThat(p.description()).isEqualTo("third-party faces");
      assertThat(p.scheme().count()).isEqualTo(3);
      assertThat(host.entries()).extracting(PluginHost.Entry::id).containsExactly("faces");
      String problems = String.join("\n", host.problems());
      assertThat(problems).contains("'faces' is already provided by plugin");
      assertThat(problems).contains("third-party-noindex: no extension found");
      assertThat(problems).contains("third-party-future").contains("requires sa >=9.0.0");
    }
  }

  @Test
  void unknownIdSuggestsTheClosest() throws Exception {
    PluginJars.build(dir, "good.jar", "third-party-faces", ">=0.1.0",
        Map.of("com.example.faces.FacesPlugin", PluginJars.datasetSource("com.example.faces", "FacesPlugin", "faces")),
        List.of("com.example.faces.FacesPlugin"), true);
    try (PluginHost host = PluginHost.open(dir, false)) {
      assertThatThrownBy(() -> host.dataset("face", "cfg.yaml: dataset.plugin"))
          .isInstanceOf(SaException.class)
          .hasMessageContaining("cfg.yaml: dataset.plugin: unknown dataset plugin 'face' (did you mean 'faces'?)");
    }
  }

  @Test
  void missingFolderIsAPluginError() {
    assertThatThrownBy(() -> PluginHost.open(dir.resolve("nope"), false))
        .isInstanceOf(SaException.class)
        .hasMessageContaining("does not exist");
  }
}
