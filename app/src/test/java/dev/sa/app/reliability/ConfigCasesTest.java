package dev.sa.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability suite, bad configs: every numeric key with a domain outside it (in a file) and not a
 * number (with --set), and the YAML and structure faults a user meets. Each is exit 2, one line
 * naming the config file (or the --set key) and the key, and no run folder.
 */
@Tag("reliability")
class ConfigCasesTest {
  @TempDir
  Path dir;

  /** Each numeric key with a domain and a value outside it. */
  static final String[][] DOMAINS = {
      {"dataset.validationFraction", "1"}, {"dataset.maxTrain", "-1"}, {"input.size", "8"},
      {"input.heatmapSize", "4"}, {"input.sigma", "0"}, {"input.boxScale", "0"}, {"augment.rotationStd", "-1"},
      {"augment.scaleStd", "-0.1"}, {"augment.shiftStd", "-1"}, {"train.batchSize", "0"}, {"train.epochs", "-1"},
      {"train.schedule.lr", "0"}, {"train.schedule.milestones", "[-1]"}, {"train.schedule.factors", "[0]"},
      {"train.rmsAlpha", "1"}, {"train.rmsEpsilon", "0"}, {"train.weightDecay", "-1"}, {"train.workers", "-1"},
      {"train.foregroundWeight", "-1"}, {"train.collapseRatio", "0.5"}, {"sa.epochs", "-1"}, {"sa.schedule.lr", "0"},
      {"sa.schedule.milestones", "[-1]"}, {"sa.schedule.factors", "[0]"}, {"sa.window", "4"}, {"sa.template", "0"},
      {"sa.referenceSize", "0"}, {"sa.lambda", "-0.1"}, {"sa.upsample", "2"}, {"sa.templateFloor", "1"},
      {"refiner.augmentedPasses", "101"}, {"evaluate.batchSize", "0"}};

  static Stream<Arguments> outOfDomain() {
    return Stream.of(DOMAINS).map(d -> Arguments.of(d[0], d[1]));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("outOfDomain")
  void aValueOutsideItsDomainNamesFileKeyAndRange(String key, String value) throws Exception {
    Path config = dir.resolve("c.yaml");
    Files.writeString(config, nested(key, value));
    Path out = dir.resolve("out");
    Cli c = Outcome.sa(List.of("run", config.toString(), "--out", out.toString()));
    Outcome.oneLine(c, 2, config.toString(), key, "must be");
    assertThat(out).doesNotExist();
  }

  static Stream<Arguments> notANumber() {
    return Stream.of(DOMAINS).map(d -> Arguments.of(d[0], d[1].startsWith("[") ? "[ten]" : "ten"));
  }

  @ParameterizedTest(name = "--set {0}={1}")
  @MethodSource("notANumber")
  void aValueThatIsNoNumberNamesTheKey(String key, String value) {
    Path out = dir.resolve("out");
    Cli c = Outcome.sa(List.of("run", "--set", key + "=" + value, "--out", out.toString()));
    Outcome.oneLine(c, 2, key, "ten");
    assertThat(out).doesNotExist();
  }

  /** The YAML of {@code key: value} as nested maps; milestones come with factors of their length. */
  static String nested(String key, String value) {
    String[] parts = key.split("\\.");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      b.append("  ".repeat(i)).append(parts[i]).append(':').append(i == parts.length - 1 ? " " + value : "").append('\n');
    }
    if (key.endsWith("milestones")) {
      b.append("  ".repeat(parts.length - 1)).append("factors: [0.1]\n");
    } else if (key.endsWith("factors")) {
      b.append("  ".repeat(parts.length - 1)).append("milestones: [1]\n");
    }
    return b.toString();
  }

  static Stream<Arguments> badYaml() {
    StringBuilder deep = new StringBuilder("train: ");
    deep.append("[".repeat(5000));
    byte[] garbage = new byte[600];
    new Random(3).nextBytes(garbage);
    return Stream.of(
        Arguments.of("duplicate top key", "seed: 1\nseed: 2\n", ":2: duplicate key 'seed' (first at line 1)"),
        Arguments.of("duplicate nested key", "train:\n  epochs: 1\n  epochs: 2\n", ":3: duplicate key 'train.epochs'"),
        Arguments.of("alias for a number", "train:\n  epochs: &e 2\nsa:\n  epochs: *e\n", ":4: YAML alias '*e'"),
        Arguments.of("alias in a text key", "name: &n x\ndataset:\n  root: *n\n", ":3: YAML alias '*n'"),
        Arguments.of("merge key", "train: &t {epochs: 1}\nsa:\n  <<: *t\n", "YAML alias '*t'"),
        Arguments.of("java type tag", "name: !!java.net.URL [\"http://x\"]\n", ":1: YAML tag"),
        Arguments.of("custom tag", "name: !pwn x\n", ":1: YAML tag 'pwn' at name"),
        Arguments.of("tab indentation", "train:\n\tepochs: 2\n", ":2: not valid YAML"),
        Arguments.of("unknown top key", "trian:\n  epochs: 2\n", "trian: unknown key"),
        Arguments.of("unknown nested key", "train:\n  epoch: 2\n", "train.epoch"),
        Arguments.of("a number for a section", "train: 5\n", "train"),
        Arguments.of("a list for a section", "train: [1, 2]\n", "train"),
        Arguments.of("text for a number", "train:\n  epochs: ten\n", "train.epochs"),
        Arguments.of("text for a list", "evaluate:\n  subsets: full\n", "evaluate.subsets"),
        Arguments.of("NaN learning rate", "train:\n  schedule:\n    lr: .nan\n", ":3: not valid YAML"),
        Arguments.of("infinite lambda", "sa:\n  lambda: .inf\n", ":2: not valid YAML"),
        Arguments.of("unclosed bracket", "train: {epochs: 2\n", "not valid YAML"),
        Arguments.of("two documents", "seed: 1\n---\nseed: 2\n", ":3: a second YAML document"),
        Arguments.of("deep nesting", deep.toString(), ""),
        Arguments.of("random bytes", new String(garbage, StandardCharsets.ISO_8859_1), ""),
        Arguments.of("unknown engine", "engine: tensorflow\n", "engine"),
        Arguments.of("bad devices", "devices: 'gpu:a'\n", "devices"),
        Arguments.of("unknown data set plugin", "dataset:\n  plugin: nope\n", "dataset.plugin"),
        Arguments.of("unknown backbone plugin", "backbone:\n  plugin: vgg\n", "backbone.plugin"),
        Arguments.of("unknown refiner plugin", "refiner:\n  plugin: magic\n", "refiner.plugin"),
        Arguments.of("unknown plugin option", "dataset:\n  options:\n    nosuch: 1\n", "dataset.options"),
        Arguments.of("plugin option of a wrong type", "dataset:\n  options:\n    trainSize: many\n", "dataset.options"),
        Arguments.of("heatmap larger than input", "input:\n  size: 32\n  heatmapSize: 64\n", "input.heatmapSize"),
        Arguments.of("schedule lengths differ", "train:\n  schedule:\n    milestones: [1, 2]\n    factors: [0.1]\n",
            "train.schedule"),
        Arguments.of("unknown key in a variant", "variants:\n  - {name: a, set: {sa.nosuch: 1}}\n", "nosuch"),
        Arguments.of("repeated variant names", "variants:\n  - {name: a, set: {}}\n  - {name: A, set: {}}\n",
            "repeats another variant's name"),
        Arguments.of("unknown subset", "evaluate:\n  subsets: [nosuch]\n", "nosuch"),
        Arguments.of("unknown normaliser", "evaluate:\n  normalizer: nosuch\n", "nosuch"),
        Arguments.of("sa.labels unknown", "sa:\n  labels: magic\n", "sa.labels"),
        Arguments.of("seeds repeated", "seeds: [1, 1]\n", "seeds"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badYaml")
  void aBrokenConfigFileIsOneLineNamingIt(String what, String yaml, String expected) throws Exception {
    Path config = dir.resolve("c.yaml");
    Files.write(config, yaml.getBytes(StandardCharsets.ISO_8859_1));
    Path out = dir.resolve("out");
    Cli c = Outcome.sa(List.of("run", config.toString(), "--out", out.toString()));
    Outcome.oneLine(c, 2, config.toString(), expected);
    assertThat(out).doesNotExist();
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(Arguments.of("missing file", "missing.yaml", "config file not found"),
        Arguments.of("a folder", "folder", "folder"),
        Arguments.of("empty file", "empty.yaml", "empty.yaml: the config is empty"),
        Arguments.of("only a comment", "comment.yaml", "comment.yaml: the config is empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void aConfigPathThatIsNoConfigIsOneLine(String what, String name, String expected) throws Exception {
    Files.createDirectories(dir.resolve("folder"));
    Files.writeString(dir.resolve("empty.yaml"), "");
    Files.writeString(dir.resolve("comment.yaml"), "# nothing here\n");
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("run", dir.resolve(name).toString(), "--out", out.toString()));
    Cli c = Outcome.sa(args);
    Outcome.oneLine(c, 2, expected);
    assertThat(out).doesNotExist();
  }
}
