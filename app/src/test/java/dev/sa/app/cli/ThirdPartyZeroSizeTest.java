package dev.sa.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.host.PluginJars;
import dev.sa.app.run.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party data set plugin that does not check its annotations: a face whose two eyes lie on
 * one spot (normalising distance 0) is reported by the host as a data problem naming its file,
 * by {@code sa data check} and before any training by {@code sa run}.
 */
@Tag("reliability")
class ThirdPartyZeroSizeTest {
  @TempDir
  Path dir;

  Path plugins;

  @BeforeEach
  void plugins() throws Exception {
    plugins = Files.createDirectories(dir.resolve("plugins"));
    try (var s = Files.list(TinyRun.plugins())) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.copy(p, plugins.resolve(p.getFileName()));
      }
    }
    String source = PluginJars.datasetSource("com.example.flat", "FlatPlugin", "flat")
        .replace("new float[] {10, 12, 22, 12, 16, 22}",
            "name.equals(\"test\") ? new float[] {10, 12, 10, 12, 16, 22} : new float[] {10, 12, 22, 12, 16, 22}")
        .replace("\"generated\"));", "\"faces/\" + name + \".txt\"));");
    PluginJars.build(dir, "flat.jar", "third-party-flat", ">=0.1.0", Map.of("com.example.flat.FlatPlugin", source),
        List.of("com.example.flat.FlatPlugin"), true);
    Files.move(dir.resolve("flat.jar"), plugins.resolve("flat.jar"));
  }

  @Test
  void dataCheckReportsTheZeroSizeFaceOfAThirdPartyPlugin() {
    Cli c = Cli.run("--plugins", plugins.toString(), "data", "check", "--dataset", "flat", "--root", dir.toString(),
        "--headers-only");

    assertThat(c.code()).as(c.err()).isEqualTo(2);
    assertThat(c.err().lines()).containsExactly(
        "faces/test.txt: zero-size annotation: the ab distance is 0.00 px, so NME cannot be normalised; it must be"
            + " at least 1.00 px");
    assertThat(c.out()).contains("test              0 faces").contains("1 problem(s) found");
  }

  @Test
  void runRefusesTheZeroSizeFaceBeforeTrainingAndCreatesNoFolder() {
    Path out = dir.resolve("run");
    Cli c = Cli.run("--plugins", plugins.toString(), "run", "--out", out.toString(), "--set", "dataset.plugin=flat",
        "--set", "dataset.root=" + dir, "--set", "evaluate.subsets=[test]");

    assertThat(c.code()).as(c.err()).isEqualTo(2);
    assertThat(c.err()).contains("faces/test.txt: zero-size annotation");
    assertThat(out).doesNotExist();
  }
}
