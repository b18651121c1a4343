package dev.sa.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import dev.sa.app.run.TinyRun;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every case of the reliability suite asserts: the exit code, exactly one error line on
 * stderr (usage hints of the argument parser aside) that starts with {@code sa: } and names the
 * file, path or key, and nothing half-written.
 */
final class Outcome {
  private Outcome() {}

  /** Runs the CLI in-process, with the packaged plugins unless {@code args} name a folder. */
  static Cli sa(List<String> args) {
    List<String> all = new ArrayList<>();
    if (!args.contains("--plugins")) {
      all.addAll(List.of("--plugins", TinyRun.plugins().toString()));
    }
    all.addAll(args);
    return Cli.run(all.toArray(new String[0]));
  }

  /** The lines of stderr that are not the parser's usage hints or progress. */
  static List<String> errorLines(String err) {
    return err.lines().filter(l -> !l.isBlank() && !l.startsWith("Try 'sa ") && !l.startsWith("Did you mean")
        && !l.startsWith("Possible solutions") && !l.startsWith("        ") && !l.startsWith("decoding images "))
        .toList();
  }

  /** Exit {@code code}, one error line starting with "sa: " that contains every one of {@code names}. */
  static void oneLine(Cli c, int code, String... names) {
    String line = only(c, code, names);
    assertThat(line).startsWith("sa: ");
  }

  /**
   * Exit {@code code} and one problem line of {@code sa data check} ({@code file:line: what}) that
   * contains every one of {@code names}.
   */
  static void oneProblem(Cli c, int code, String... names) {
    only(c, code, names);
  }

  private static String only(Cli c, int code, String... names) {
    assertThat(c.code()).as("exit code; stderr: %s", c.err()).isEqualTo(code);
    List<String> lines = errorLines(c.err());
    assertThat(lines).as("one error line; stderr: %s", c.err()).hasSize(1);
    assertThat(lines.get(0)).doesNotContain("Exception", "\tat ");
    for (String n : names) {
      assertThat(lines.get(0)).contains(n);
    }
    return lines.get(0);
  }

  /** Nothing half-written under {@code dir}: no temp file of the atomic writer. */
  static void noTemps(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      assertThat(walk.filter(AtomicFiles::isTemp)).as("temp files under " + dir).isEmpty();
    }
  }
}
