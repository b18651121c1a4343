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
import java.util.List;

/** {@code sa run}: resolves the run folder, runs the experiment, writes the tables and the report. */
public final class RunService {
  private RunService() {}

  /** Where a new run goes when no --out is given: {@code runs/<name>-<time>}. */
  public static Path defaultRunDir(String name) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", name.replaceAll("[^A-Za-z0-9_.-]", "-") + "-" + stamp);
  }

  /**
   * Runs a loaded config into {@code runDir}.
   *
   * @param report build the report (tables and figures) at the end
   */
  public static Path run(ConfigLoader.Loaded loaded, PluginHost host, Path runDir, PrintWriter out, Progress progress,
      boolean report) throws IOException {
    Files.createDirectories(runDir);
    try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(runDir.resolve("run.log"),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
      progress.logTo(log);
      List<Experiment.Variant> variants = Experiment.variants(loaded);
      try (Setup setup = new Setup(loaded, host, progress)) {
        ConfigLoader.writeResolved(loaded.tree(), runDir.resolve("resolved-config.yaml"));
        progress.info("run folder: " + runDir.toAbsolutePath());
        progress.info("data set '" + loaded.config().dataset().plugin() + "': " + setup.train.size() + " training, "
            + setup.val.size() + " validation faces; test subsets " + setup.tests.keySet());
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
        Evaluation.Outputs outputs = new Experiment(setup, host, progress, runDir).run(variants);
        outputs.metrics.write(runDir.resolve("metrics.csv"));
        outputs.errors.write(runDir.resolve("errors.csv"));
        outputs.landmarks.write(runDir.resolve("landmark-errors.csv"));
        outputs.history.write(runDir.resolve("history.csv"));
      }
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
