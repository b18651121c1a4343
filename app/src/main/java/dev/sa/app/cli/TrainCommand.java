package dev.sa.app.cli;

import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Progress;
import dev.sa.app.run.RunService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code sa train CONFIG}: one model, no comparison and no report. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train one configuration, without its variants.",
        "Trains the baseline, then SA if sa.enabled, then the refiner; the variants list is ignored."
            + " Checkpoints and labels go to the run folder; 'sa evaluate' scores it."})
public final class TrainCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Mixin
  ConfigArgs args;

  @Override
  public Integer call() throws Exception {
    // no variants here, so no control to compare with
    ConfigLoader.Loaded loaded = args.load("variants=[]", "report.control=''");
    Path runDir = args.runDir(loaded);
    try (PluginHost host = root.openPlugins()) {
      RunService.run(loaded, host, runDir, root.out, new Progress(root.err, Progress.isTerminal()), false,
          RunService.Mode.NEW);
    }
    return 0;
  }
}
