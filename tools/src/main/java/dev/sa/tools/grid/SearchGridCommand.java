package dev.sa.tools.grid;

import dev.sa.api.SaException;
import dev.sa.app.cli.SaCommand;
import dev.sa.app.config.ConfigDomains;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.SaConfig;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.LabelStats;
import dev.sa.app.method.Alternation;
import dev.sa.app.method.SearchStep;
import dev.sa.app.run.Phase;
import dev.sa.app.run.RunContext;
import dev.sa.app.run.SearchPass;
import dev.sa.app.run.Progress;
import dev.sa.app.run.Rows;
import dev.sa.app.run.Setup;
import dev.sa.app.method.Labels;
import dev.sa.app.train.LandmarkNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import dev.sa.app.cli.SeedChoice;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sa search-grid RUN_DIR}: one Semantic Alignment search step with a run's trained
 * baseline, over a grid of (lambda, template, window), on the VALIDATION faces (carved from the
 * training faces). It shows how far the search moves the labels and, on data with known truth,
 * whether toward the truth, without training: a cheap way to choose the search's
 * hyper-parameters on validation data, never on a test subset.
 */
@Command(name = "search-grid", mixinStandardHelpOptions = true,
    description = {"Try SA search settings on the validation faces.",
        "Runs one SA search step with a run's baseline over a grid of lambda x template x window and reports"
            + " label movement and (with known truth) label error, for weak and strong points."})
public final class SearchGridCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder with a finished baseline.")
  Path runDir;

  @Mixin
  SeedChoice seed;

  @Option(names = "--lambda", split = ",", description = "Values of sa.lambda (default: 0,0.01,0.1,1,10).")
  List<Double> lambdas = List.of(0.0, 0.01, 0.1, 1.0, 10.0);

  @Option(names = "--template", split = ",", description = "Values of sa.template at the reference size.")
  List<Integer> templates;

  @Option(names = "--window", split = ",", description = "Values of sa.window at the reference size.")
  List<Integer> windows;

  @Option(names = "--faces", description = {"Which faces to search: val (default; held out from training) or",
      "train (the faces SA really searches, which the baseline has fitted, noise included)."})
  String faces = "val";

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value (e.g. sa.upsample=5).")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    runDir = seed.pick(runDir, root.err());
    Path resolved = runDir.resolve("resolved-config.yaml");
    if (!Files.exists(resolved)) {
      throw SaException.invalidInput(runDir + ": not a run folder (no resolved-config.yaml)");
    }
    Path file = runDir.resolve("search-grid-" + faces + ".csv");
    try (dev.sa.app.run.RunFolder lock = dev.sa.app.run.RunFolder.lockForOutput(runDir, file, null,
        root.err()::println)) {
      return grid(resolved, file);
    }
  }

  private int grid(Path resolved, Path file) throws Exception {
    List<String> all = new ArrayList<>(sets);
    // the run's config as it is, variants and report included: the grid reads the top-level settings,
    // and the baseline key leaves variants and sweeps out (dropping them would orphan report.control)
    ConfigLoader.Loaded loaded = ConfigLoader.load(resolved, all);
    Path ckpt = baselineCheckpoint(runDir, dev.sa.app.run.ExperimentPlan.baselineKey(loaded.tree()));
    dev.sa.app.run.RunService.selectEngine(loaded);
    SaConfig base = loaded.config();
    List<Integer> ts = templates == null ? List.of(base.sa().template()) : templates;
    List<Integer> ws = windows == null ? List.of(base.sa().window()) : windows;
    checkGrid(ts, ws);
    Progress progress = new Progress(root.err(), false);
    Rows rows = new Rows("lambda", "template", "window", "template_px", "window_px", "move", "truth_weak",
        "truth_strong", "human_weak", "human_strong");
    try (PluginHost host = root.openPlugins(); Setup setup = new Setup(loaded, host, progress);
        LandmarkNet net = setup.newNet(base)) {
      if (!List.of("val", "train").contains(faces)) {
        throw SaException.invalidInput("--faces: '" + faces + "' is not one of [val, train]");
      }
      // A Norm run's network reads upright crops: load its normaliser (trained before the baseline).
      dev.sa.app.run.NormalizerStage.apply(setup, loaded.tree(), host, runDir, progress);
      RunContext ctx = setup.context();
      List<dev.sa.api.FaceSample> chosen = faces.equals("val") ? ctx.val() : ctx.train();
      if (chosen.isEmpty()) {
        throw SaException.invalidInput("dataset.validationFraction is 0: no validation faces to search on");
      }
      net.load(ckpt);
      root.out().printf("%8s %8s %6s %12s %9s %10s %10s   (" + faces + " faces: %d; %% of %s)%n", "lambda", "template",
          "window", "grid t/w px", "move", "err weak", "err strong", chosen.size(), ctx.normalization().name());
      for (int t : ts) {
        for (int w : ws) {
          for (double lambda : lambdas) {
            SaConfig c = base.withSa(base.sa().withSearch(lambda, t, w));
            SearchStep step = Alternation.step1(c, ctx.frames(), ctx.scheme());
            var search = step.search();
            Labels labels = new Labels(chosen, Phase.annotations(chosen));
            SearchPass.run(net, ctx.batches(), step, labels, c.evaluate().batchSize());
            LabelStats st = LabelStats.of(labels, ctx.normalization(), ctx.scheme());
            rows.add(lambda, t, w, search.params().template(), search.params().window(), st.move(), st.truthWeak(),
                st.truthStrong(), st.humanWeak(), st.humanStrong());
            root.out().printf(Locale.ROOT, "%8.3g %8d %6d %6d/%-5d %8.3f%% %9.3f%% %9.3f%%%s%n", lambda, t, w,
                search.params().template(), search.params().window(), st.move(), st.truthWeak(), st.truthStrong(),
                st.hasTruth() ? String.format(Locale.ROOT, "   (human: %.3f%% / %.3f%%)", st.humanWeak(),
                    st.humanStrong()) : "");
            root.out().flush();
          }
        }
      }
    }
    rows.write(file);
    root.out().println("written: " + file);
    return 0;
  }

  /** Refuses grid values outside the config keys' domains, naming the option (exit code 2). */
  private void checkGrid(List<Integer> ts, List<Integer> ws) {
    List<String> problems = new ArrayList<>();
    lambdas.forEach(v -> problems.add(ConfigDomains.problem("sa.lambda", v)));
    ts.forEach(v -> problems.add(ConfigDomains.problem("sa.template", v)));
    ws.forEach(v -> problems.add(ConfigDomains.problem("sa.window", v)));
    problems.removeIf(java.util.Objects::isNull);
    if (!problems.isEmpty()) {
      throw SaException.invalidInput("sa search-grid: " + problems.get(0).replaceFirst("^sa\\.", "--"));
    }
  }

  /**
   * The finished baseline of the config with baseline key {@code key} (a run with several data
   * configurations, e.g. one per noise model, has one baseline each: pick one with --set).
   */
  static Path baselineCheckpoint(Path runDir, String key) throws java.io.IOException {
    Path latest = runDir.resolve("baseline-" + key).resolve("ckpt/latest");
    if (Files.exists(latest)) {
      return latest.getParent().resolve(Files.readString(latest).trim());
    }
    List<String> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(runDir)) {
      s.filter(d -> d.getFileName().toString().startsWith("baseline-") && Files.exists(d.resolve("ckpt/latest")))
          .forEach(d -> found.add(d.getFileName().toString()));
    }
    throw SaException.invalidInput(runDir + ": no finished baseline for this config (baseline-" + key + ")"
        + (found.isEmpty() ? "" : "; the run has " + String.join(", ", found)
            + ": choose its data settings with --set, e.g. --set dataset.options.noise=annotators"));
  }
}
