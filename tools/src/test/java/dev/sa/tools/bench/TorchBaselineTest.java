package dev.sa.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing the baseline script's JSON, from canned output: no Python or torch needed. */
class TorchBaselineTest {
  private static final String OUTPUT = """
      some warning torch printed
      {"torch": "1.13.1", "threads": 1, "results": [{"size": 64, "heatmap": 16, "depth": 3, \
      "parameters": 1437000, "train_s_per_step": 0.25, "infer_ms_per_face_b1": 12.5, \
      "infer_ms_per_face_batch": 6.0}, {"size": 128, "heatmap": 32, "depth": 4, "parameters": 1760328, \
      "train_s_per_step": 1.5, "infer_ms_per_face_b1": 40.0, "infer_ms_per_face_batch": 30.0, \
      "peak_rss_mb": 912.5}]}
      """;

  @Test
  void parsesEveryFigure() {
    TorchBaseline.Report r = TorchBaseline.parse(OUTPUT);
    assertThat(r.torchVersion()).isEqualTo("1.13.1");
    assertThat(r.threads()).isEqualTo(1);
    assertThat(r.results()).hasSize(2);
    assertThat(r.forSize(64)).isEqualTo(new TorchBaseline.Result(64, 16, 3, 1437000, 0.25, 12.5, 6.0, Double.NaN));
    assertThat(r.forSize(128).trainSecondsPerStep()).isEqualTo(1.5);
    assertThat(r.forSize(128).peakRssMb()).isEqualTo(912.5);
    assertThat(r.forSize(256)).isNull();
  }

  @Test
  void missingOrBrokenOutputIsAnError() {
    assertThatThrownBy(() -> TorchBaseline.parse("Traceback ...\nModuleNotFoundError")).hasMessageContaining("no JSON");
    assertThatThrownBy(() -> TorchBaseline.parse("{\"torch\": \"1\", \"threads\": 1}"))
        .hasMessageContaining("'results'");
    assertThatThrownBy(() -> TorchBaseline.parse("{\"torch\": "))
        .hasMessageContaining("malformed");
  }

  @Test
  void anAbsentInterpreterIsNotAvailable() {
    assertThat(new TorchBaseline("/nonexistent/python3").available()).isFalse();
  }

  @Test
  void theJarCarriesTheScript() throws Exception {
    java.nio.file.Path script = TorchBaseline.script(null);
    assertThat(java.nio.file.Files.readString(script)).contains("class StackedHourglass", "set_num_threads");
  }
}
