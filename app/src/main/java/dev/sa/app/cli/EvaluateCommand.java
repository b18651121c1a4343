package dev.sa.app.cli;

import dev.sa.api.SaException;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Progress;
import dev.sa.app.run.RunService;
import dev.sa.app.seeds.SeedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sa evaluate RUN_DIR}: scores a trained run on its test subsets. Training phases whose
 * last checkpoint is complete are not repeated, so this only predicts and scores.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Score a run's models on the test subsets.",
        "Evaluates the models of a run folder (from 'sa train' or 'sa run') and writes metrics.csv and the"
            + " report into the run folder."})
public final class EvaluateCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder.")
  Path runDir;

  @Option(names = "--subsets", split = ",", paramLabel = "NAME", description = "Test subsets (default: the config's).")
  List<String> subsets;

  @Override
  public Integer call() throws Exception {
    Path resolved = runDir.resolve(ConfigLoader.RESOLVED);
    if (!Files.exists(resolved)) {
      throw SaException.invalidInput(runDir + ": not a run folder (no resolved-config.yaml)");
    }
    List<String> sets = subsets == null ? List.of() : List.of("evaluate.subsets=[" + String.join(",", subsets) + "]");
    ConfigLoader.Loaded loaded = ConfigLoader.load(resolved, sets);
    try (PluginHost host = root.openPlugins()) {
      Progress progress = new Progress(root.err, Progress.isTerminal());
      if (loaded.config().seeds().isEmpty()) {
        RunService.run(loaded, host, runDir, root.out, progress, true, RunService.Mode.EVALUATE);
      } else {
        SeedRuns.run(loaded, host, runDir, root.out, progress, true, RunService.Mode.EVALUATE);
      }
    }
    return 0;
  }
}
