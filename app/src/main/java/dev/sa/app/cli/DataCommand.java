package dev.sa.app.cli;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.SaException;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.data.CheckedDataset;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sa data}: data set tools. */
@Command(name = "data", mixinStandardHelpOptions = true, description = {"Data set tools: 'sa data check' validates a data set's files."},
    subcommands = {DataCommand.Check.class})
public final class DataCommand implements Runnable {
  @ParentCommand
  SaCommand root;

  @Override
  public void run() {
    root.out.println(new picocli.CommandLine(this).getUsageMessage());
  }

  /** {@code sa data check}: validates a data set's files. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Validate a data set's files and images.",
          "Checks the counts per split (against the official ones), missing or malformed files and zero-size"
              + " annotations, and decodes every image (in parallel) to find cut or damaged ones; one line per"
              + " problem naming the file and line. Exit 2 if any problem, 0 if none."})
  public static final class Check implements Callable<Integer> {
    @ParentCommand
    DataCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "Experiment YAML file.")
    Path config;

    @Option(names = "--dataset", paramLabel = "ID", description = "Data set plugin id (instead of a config).")
    String dataset;

    @Option(names = "--root", paramLabel = "DIR", description = "Data set folder (with --dataset).")
    Path rootDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--headers-only", description = "Check image headers and file ends only; decode no pixels.")
    boolean headersOnly;

    @Override
    public Integer call() {
      List<String> all = new ArrayList<>(sets);
      if (dataset != null) {
        all.add("dataset.plugin=" + dataset);
        all.add("dataset.root=" + (rootDir != null ? rootDir : Path.of("datasets", dataset)));
      } else if (rootDir != null) {
        all.add("dataset.root=" + rootDir);
      }
      ConfigLoader.Loaded loaded = ConfigLoader.load(config, all);
      var c = loaded.config();
      SaCommand root = parent.root;
      try (PluginHost host = root.openPlugins()) {
        DatasetPlugin dp = host.dataset(c.dataset().plugin(), loaded.source() + ": dataset.plugin");
        Record options = PluginOptions.bind(c.dataset().options(), dp.optionsType(), "dataset.options",
            loaded.source());
        Dataset ds = CheckedDataset.of(dp.open(new DatasetContext(Path.of(c.dataset().root()), c.seed(), "dataset"),
            options));
        Map<String, Integer> official = ds.officialCounts();
        root.out.printf("data set '%s' at %s (%s, %d points)%n", dp.id(), c.dataset().root(), ds.scheme().name(),
            ds.scheme().count());
        for (String split : ds.splitNames()) {
          int n = ds.split(split).size();
          Integer o = official.get(split);
          String note = o == null ? "" : o == n ? " (official " + o + ")" : " (official " + o + ": differs by "
              + (n - o) + ")";
          root.out.printf("  %-12s %6d faces%s%n", split, n, note);
        }
        List<DataProblem> problems = new ArrayList<>(ds.problems());
        if (!headersOnly) {
          problems.addAll(ImageDecodeCheck.run(ds, new Progress(root.err, Progress.isTerminal())));
        }
        for (DataProblem p : problems) {
          root.err.println(p);
        }
        root.out.println(problems.isEmpty() ? "no problems found" : problems.size() + " problem(s) found");
        root.out.flush();
        root.err.flush();
        return problems.isEmpty() ? 0 : 2;
      } catch (IllegalArgumentException e) {
        throw SaException.invalidInput(e.getMessage());
      }
    }
  }
}
