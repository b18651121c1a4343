package dev.sa.app.cli;

import dev.sa.app.config.ConfigLoader;
import dev.sa.app.run.RunService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code [CONFIG] [--out DIR] [--set KEY=VALUE]...}, a picocli mixin of the commands that start a
 * run folder from a config ({@code sa run}, {@code sa train}): one set of options, one way to load them.
 */
public final class ConfigArgs {
  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "Experiment YAML file.")
  Path config;

  @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<name>-<time>).")
  Path out;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, e.g. train.epochs=3.")
  List<String> sets = new ArrayList<>();

  /** True when any of these was given. */
  boolean any() {
    return config != null || out != null || !sets.isEmpty();
  }

  /** The config (the quick-start's without CONFIG) with every {@code --set}, then {@code extra}, applied. */
  ConfigLoader.Loaded load(String... extra) {
    List<String> all = new ArrayList<>(sets);
    all.addAll(List.of(extra));
    return ConfigLoader.load(config, all);
  }

  /** {@code --out}, or a new folder under {@code runs/} named after the config and the time. */
  Path runDir(ConfigLoader.Loaded loaded) {
    return out != null ? out : RunService.defaultRunDir(loaded.config().name());
  }
}
