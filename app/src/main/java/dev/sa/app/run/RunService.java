package dev.sa.app.run;

import dev.sa.api.SaException;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.reports.MetricsTable;
import dev.sa.reports.ReportBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code sa run}: resolves the run folder, runs the experiment, writes the tables and the report. */
public final class RunService {
  private RunService() {}

  /** Where a new run goes when no --out is given: {@code runs/<name>-<time>}. */
  public static Path defaultRunDir(String name) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", name.replaceAll("[^A-Za-z0-9_.-]", "-") + "-" + stamp);
  }

  /** Picks the config's DJL engine before the first engine call (bad value or clash: exit 2). */
  public static void selectEngine(ConfigLoader.Loaded loaded) {
    try {
      dev.sa.app.train.LandmarkNet.selectEngine(loaded.config().engine());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw SaException.invalidInput(loaded.source() + ": engine: " + e.getMessage());
    }
  }

  private static String names(List<Experiment.Variant> group) {
    List<String> n = new ArrayList<>();
    for (Experiment.Variant v : group) {
      n.add(v.name());
    }
    return String.join(", ", n);
  }

  /** Copies {@code <config>.reference.csv} (quoted paper numbers) beside the run's metrics. */
  static void copyReference(String source, Path runDir) throws IOException {
    if (!source.endsWith(".yaml") && !source.endsWith(".yml")) {
      return;
    }
    Path ref = Path.of(source.substring(0, source.lastIndexOf('.')) + ".reference.csv");
    if (Files.exists(ref)) {
      AtomicFiles.write(runDir.resolve("reference.csv"), out -> Files.copy(ref, out));
    }
  }

  private static void writeInfo(ConfigLoader.Loaded loaded, Setup setup, Path runDir) throws IOException {
    Rows info = new Rows("key", "value");
    info.add("config", loaded.config().name());
    info.add("source", loaded.source());
    info.add("dataset", loaded.config().dataset().plugin());
    info.add("normalizer", setup.normalization.name());
    info.add("backbone", loaded.config().backbone().plugin());
    info.add("input", loaded.config().input().size() + " px, heatmap " + loaded.config().input().heatmapSize());
    info.add("train_faces", setup.train.size());
    info.add("val_faces", setup.val.size());
    info.add("skipped_bad_samples", setup.skipped);
    info.add("seed", loaded.config().seed());
    info.add("engine", ai.djl.engine.Engine.getInstance().getEngineName() + " "
        + ai.djl.engine.Engine.getInstance().getVersion());
    info.add("device", setup.device.toString());
    info.add("created", LocalDateTime.now().withNano(0).toString());
    if (loaded.tree().at("/dataset/options/noise").isTextual()) {
      info.add("noise", loaded.tree().at("/dataset/options/noise").asText());
    }
    info.write(runDir.resolve("run-info.csv"));
  }

  /**
   * Runs a loaded config into {@code runDir}.
   *
   * @param report build the report (tables and figures) at the end
   */
  public static Path run(ConfigLoader.Loaded loaded, PluginHost host, Path runDir, PrintWriter out, Progress progress,
      boolean report) throws IOException {
    selectEngine(loaded);
    // Every value check that needs no plugin, before anything is written: a bad value leaves no
    // run folder behind.
    for (Experiment.Variant v : Experiment.variants(loaded)) {
      Setup.checkRanges(v.config(), loaded.source());
    }
    Files.createDirectories(runDir);
    try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(runDir.resolve("run.log"),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
      progress.logTo(log);
      List<Experiment.Variant> variants = new ArrayList<>();
      for (Experiment.Variant v : Experiment.variants(loaded)) {
        // Keys are taken over the resolved trees, so that a resumed run (whose config is the
        // resolved one) finds the same shared baseline.
        Setup.resolveOptions(v.tree(), v.config(), host, loaded.source() + " (variant '" + v.name() + "')");
        variants.add(new Experiment.Variant(v.name(), v.config(), v.tree(), Experiment.baselineKey(v.tree()), v.slug()));
      }
      Setup.resolveOptions(loaded.tree(), loaded.config(), host, loaded.source());
      ConfigLoader.writeResolved(loaded.tree(), runDir.resolve("resolved-config.yaml"));
      copyReference(loaded.source(), runDir);
      progress.info("run folder: " + runDir.toAbsolutePath());
      Map<String, List<Experiment.Variant>> groups = new LinkedHashMap<>();
      for (Experiment.Variant v : variants) {
        groups.computeIfAbsent(Setup.key(v.tree()), k -> new ArrayList<>()).add(v);
      }
      Evaluation.Outputs outputs = new Evaluation.Outputs();
      boolean first = true;
      for (List<Experiment.Variant> group : groups.values()) {
        Experiment.Variant lead = group.get(0);
        ConfigLoader.Loaded gl = new ConfigLoader.Loaded(lead.config(), lead.tree(), loaded.source());
        try (Setup setup = new Setup(gl, host, progress)) {
          progress.info("data set '" + lead.config().dataset().plugin() + "': " + setup.train.size() + " training, "
              + setup.val.size() + " validation faces; test subsets " + setup.tests.keySet()
              + (groups.size() > 1 ? " (variants " + names(group) + ")" : ""));
          if (first) {
            writeInfo(loaded, setup, runDir);
            first = false;
          }
          String meanShape = groups.size() > 1 ? "mean-shape (" + lead.name() + ")" : "mean-shape";
          outputs.addAll(new Experiment(setup, host, progress, runDir).run(group, meanShape));
        }
      }
      outputs.metrics.write(runDir.resolve("metrics.csv"));
      outputs.errors.write(runDir.resolve("errors.csv"));
      outputs.landmarks.write(runDir.resolve("landmark-errors.csv"));
      outputs.history.write(runDir.resolve("history.csv"));
      if (report) {
        Path reportDir = runDir.resolve("report");
        try {
          ReportBuilder.forRuns(List.of(runDir)).writeTo(reportDir);
        } catch (IllegalArgumentException e) {
          throw SaException.runtime("building the report failed: " + e.getMessage(), e);
        }
        progress.info("report: " + reportDir.resolve("report.html").toAbsolutePath());
        out.println(MetricsTable.load(List.of(runDir)).markdown());
      }
      out.println("run folder: " + runDir.toAbsolutePath());
      out.flush();
      progress.logTo(null);
    }
    return runDir;
  }
}
