package dev.sa.app.cli;

import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Progress;
import dev.sa.app.run.RunService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sa train CONFIG}: one model, no comparison and no report. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train one configuration, without its variants.",
        "Trains the baseline, then SA if sa.enabled, then the refiner; the variants list is ignored."
            + " Checkpoints and labels go to the run folder; 'sa evaluate' scores it."})
public final class TrainCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "Experiment YAML file.")
  Path config;

  @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<name>-<time>).")
  Path out;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value.")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<String> all = new ArrayList<>(sets);
    all.add("variants=[]");
    all.add("report.control=''"); // no variants here, so no control to compare with
    ConfigLoader.Loaded loaded = ConfigLoader.load(config, all);
    Path runDir = out != null ? out : RunService.defaultRunDir(loaded.config().name());
    try (PluginHost host = root.openPlugins()) {
      RunService.run(loaded, host, runDir, root.out, new Progress(root.err, Progress.isTerminal()), false,
          RunService.Mode.NEW);
    }
    return 0;
  }
}
