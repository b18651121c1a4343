package dev.sa.app.cli;

import dev.sa.api.SaException;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Progress;
import dev.sa.app.run.RunService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sa run [CONFIG]}: the whole pipeline, from training to the report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a whole experiment: train, align, evaluate, report.",
        "Trains the baseline, runs Semantic Alignment for every variant, evaluates them and writes the report.",
        "Without CONFIG, runs the built-in quick-start on synthetic faces (about 5 minutes on an idle 2-core CPU)."})
public final class RunCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "Experiment YAML file.")
  Path config;

  @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<name>-<time>).")
  Path out;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, e.g. train.epochs=3.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue an interrupted run in its folder.")
  Path resume;

  @Override
  public Integer call() throws Exception {
    ConfigLoader.Loaded loaded;
    Path runDir;
    if (resume != null) {
      if (config != null || !sets.isEmpty() || out != null) {
        throw SaException.invalidInput("--resume takes no CONFIG, --set or --out: the run folder holds its config");
      }
      Path resolved = resume.resolve("resolved-config.yaml");
      if (!Files.isRegularFile(resolved)) {
        throw SaException.invalidInput(resume + ": not a run folder (no resolved-config.yaml)");
      }
      loaded = ConfigLoader.load(resolved, List.of());
      runDir = resume;
    } else {
      loaded = ConfigLoader.load(config, sets);
      runDir = out != null ? out : RunService.defaultRunDir(loaded.config().name());
    }
    try (PluginHost host = root.openPlugins()) {
      RunService.run(loaded, host, runDir, root.out, new Progress(root.err, Progress.isTerminal()), true,
          resume != null ? RunService.Mode.RESUME : RunService.Mode.NEW);
    }
    return 0;
  }
}
