package dev.sa.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import dev.sa.app.host.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliability suite, bad command lines and run folders: unknown options and commands, missing or
 * wrong arguments, folders that are no run, a busy run folder, {@code --out} on a file; and bad
 * plugin jars. {@code {dir}} in an argument is the case's temp folder, which holds {@code file.txt},
 * an empty folder {@code empty}, a non-run folder {@code notrun} and a fake run {@code run}.
 */
@Tag("reliability")
class CliCasesTest {
  @TempDir
  Path dir;

  static Stream<Arguments> badArgs() {
    return Stream.of(
        Arguments.of("unknown option", "run --frobnicate", "Unknown option: '--frobnicate'"),
        Arguments.of("unknown command", "frobnicate", "frobnicate"),
        Arguments.of("predict without images", "predict {dir}/run", "IMAGE_OR_FOLDER"),
        Arguments.of("align without a folder", "align", "RUN_DIR"),
        Arguments.of("--set without =", "run --set train.epochs --out {dir}/o", "train.epochs"),
        Arguments.of("--set of an unknown key", "run --set train.epoch=2 --out {dir}/o", "train.epoch"),
        Arguments.of("--set of an unknown section", "run --set nosuch.key=1 --out {dir}/o", "nosuch"),
        Arguments.of("--set with an empty key", "run --set =1 --out {dir}/o", "--set"),
        Arguments.of("--out on a file", "run --out {dir}/file.txt", "{dir}/file.txt"),
        Arguments.of("--out under a file", "run --out {dir}/file.txt/sub", "{dir}/file.txt"),
        Arguments.of("--out on a non-empty folder", "run --out {dir}/notrun", "--resume"),
        Arguments.of("--resume of a missing folder", "run --resume {dir}/missing", "{dir}/missing"),
        Arguments.of("--resume of a folder that is no run", "run --resume {dir}/notrun", "{dir}/notrun"),
        Arguments.of("evaluate a folder that is no run", "evaluate {dir}/notrun", "{dir}/notrun"),
        Arguments.of("report of a folder without metrics", "report {dir}/notrun", "{dir}/notrun"),
        Arguments.of("align a folder that is no run", "align {dir}/notrun", "{dir}/notrun"),
        Arguments.of("predict with a folder that is no run", "predict {dir}/notrun {dir}/file.txt", "{dir}/notrun"),
        Arguments.of("status of a missing folder", "status {dir}/missing", "{dir}/missing"),
        Arguments.of("data check of an unknown data set", "data check --dataset nosuch --root {dir}/empty", "nosuch"),
        Arguments.of("data check of a missing root", "data check --dataset 300w --root {dir}/missing",
            "{dir}/missing"),
        Arguments.of("align --variant unknown", "align {dir}/run --variant nosuch --out {dir}/a", "nosuch"),
        Arguments.of("--seed that is no number", "align {dir}/run --seed x", "--seed"),
        Arguments.of("--plugins on a missing folder", "--plugins {dir}/missing plugins", "{dir}/missing"),
        Arguments.of("align into a busy run folder", "align {dir}/busy", "pid"),
        Arguments.of("predict into a busy run folder", "predict {dir}/busy {dir}/file.txt", "pid"),
        Arguments.of("resume of a busy run folder", "run --resume {dir}/busy", "pid"),
        Arguments.of("evaluate of a busy run folder", "evaluate {dir}/busy", "pid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badArgs")
  void aBadCommandLineIsOneLineExitTwo(String what, String line, String expected) throws Exception {
    Files.writeString(dir.resolve("file.txt"), "x\n");
    Files.createDirectories(dir.resolve("empty"));
    Files.writeString(Files.createDirectories(dir.resolve("notrun")).resolve("notes.txt"), "mine\n");
    for (String run : List.of("run", "busy")) {
      Path r = Files.createDirectories(dir.resolve(run));
      Files.writeString(r.resolve("resolved-config.yaml"), "name: fake\n");
      Files.createDirectories(r.resolve("variants/hgs-sa"));
      Files.writeString(r.resolve("variants/hgs-sa/labels.csv"), "id,kind,point,x,y\n");
    }
    List<String> args = new ArrayList<>();
    for (String a : line.split(" ")) {
      args.add(a.replace("{dir}", dir.toString()));
    }
    List<String> before = listing();
    try (var busy = dev.sa.app.run.RunFolder.lockForOutput(dir.resolve("busy"), dir.resolve("busy/x"), null,
        l -> { })) {
      Cli c = Outcome.sa(args);
      Outcome.oneLine(c, 2, expected.replace("{dir}", dir.toString()));
    }
    assertThat(listing()).as("nothing written").isEqualTo(before);
  }

  private List<String> listing() throws Exception {
    try (var walk = Files.walk(dir)) {
      return walk.filter(p -> !p.getFileName().toString().equals("run.lock")).map(p -> dir.relativize(p).toString())
          .sorted().toList();
    }
  }

  static Stream<Arguments> badJars() {
    return Stream.of(Arguments.of("garbage bytes", "garbage"), Arguments.of("an empty file", "empty"),
        Arguments.of("a jar cut in half", "truncated"), Arguments.of("a class listed but missing", "missing"),
        Arguments.of("a data set id given twice", "duplicate"));
  }

  @ParameterizedTest(name = "plugin jar: {0}")
  @MethodSource("badJars")
  void aBadPluginJarIsOneWarningNamingIt(String what, String kind) throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path good = PluginJars.build(dir, "good.jar", "third-party-good", ">=0.1.0",
        Map.of("com.example.good.GoodPlugin", PluginJars.datasetSource("com.example.good", "GoodPlugin", "good")),
        List.of("com.example.good.GoodPlugin"), true);
    Files.copy(good, plugins.resolve("good.jar"));
    Path bad = plugins.resolve("bad.jar");
    byte[] bytes = Files.readAllBytes(good);
    switch (kind) {
      case "garbage" -> Files.write(bad, "PK this is not a zip file at all".repeat(20).getBytes());
      case "empty" -> Files.write(bad, new byte[0]);
      case "truncated" -> Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      case "missing" -> Files.copy(PluginJars.build(dir, "m.jar", "third-party-missing", ">=0.1.0",
          Map.of("com.example.m.MPlugin", PluginJars.datasetSource("com.example.m", "MPlugin", "m")),
          List.of("com.example.m.Gone"), true), bad);
      default -> Files.copy(PluginJars.build(dir, "d.jar", "third-party-dupe", ">=0.1.0",
          Map.of("com.example.d.DPlugin", PluginJars.datasetSource("com.example.d", "DPlugin", "good")),
          List.of("com.example.d.DPlugin"), true), bad);
    }
    Cli c = Cli.run("--plugins", plugins.toString(), "plugins");
    assertThat(c.code()).as(c.err()).isZero();
    List<String> lines = Outcome.errorLines(c.err());
    assertThat(lines).as(c.err()).hasSize(1);
    // The duplicate is named by the two plugin ids (which one is "bad" is the user's call).
    assertThat(lines.get(0)).contains(kind.equals("duplicate") ? "'good' is already provided by plugin third-party-dupe"
        : "bad.jar").doesNotContain("Exception:", "\tat ");
    assertThat(c.out()).contains("good");
  }
}
