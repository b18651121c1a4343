package dev.sa.app.run;

import dev.sa.api.SaException;
import dev.sa.app.config.ConfigFingerprint;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.train.EngineThreads;
import dev.sa.app.train.Engines;
import dev.sa.reports.MetricsTable;
import dev.sa.reports.ReportBuilder;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
    selectEngine(loaded, false);
  }

  /**
   * Like {@link #selectEngine(ConfigLoader.Loaded)}; a process that {@code trains} a config whose
   * variants all have small training batches takes one engine thread unless told otherwise
   * ({@link EngineThreads}).
   */
  static void selectEngine(ConfigLoader.Loaded loaded, boolean trains) {
    boolean small = trains && smallSteps(loaded);
    try {
      Engines.select(loaded.config().engine(), loaded.config().threads(), small);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw SaException.invalidInput(loaded.source() + ": engine: " + e.getMessage());
    }
  }

  /**
   * Whether the config and every variant of it train on small batches
   * ({@link EngineThreads#smallStep}), so that a process training them takes one engine thread.
   */
  public static boolean smallSteps(ConfigLoader.Loaded loaded) {
    boolean small = EngineThreads.smallStep(loaded.config().input().size(), loaded.config().train().batchSize());
    for (ExperimentPlan.Variant v : ExperimentPlan.variants(loaded)) {
      small &= EngineThreads.smallStep(v.config().input().size(), v.config().train().batchSize());
    }
    return small;
  }

  private static String names(List<ExperimentPlan.Variant> group) {
    List<String> n = new ArrayList<>();
    for (ExperimentPlan.Variant v : group) {
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

  private static void writeInfo(ConfigLoader.Loaded loaded, RunContext setup, Path runDir) throws IOException {
    Rows info = new Rows("key", "value");
    info.add("config", loaded.config().name());
    info.add("source", loaded.source());
    info.add("dataset", loaded.config().dataset().plugin());
    info.add("normalizer", setup.normalization().name());
    info.add("backbone", loaded.config().backbone().plugin());
    info.add("input", loaded.config().input().size() + " px, heatmap " + loaded.config().input().heatmapSize());
    info.add("train_faces", setup.train().size());
    info.add("val_faces", setup.val().size());
    info.add("skipped_bad_samples", setup.skipped());
    info.add("seed", loaded.config().seed());
    info.add("engine", ai.djl.engine.Engine.getInstance().getEngineName() + " "
        + ai.djl.engine.Engine.getInstance().getVersion());
    info.add("device", setup.device().toString());
    info.add("threads", EngineThreads.current().map(Object::toString).orElse("not set"));
    Path parts = runDir.resolve(Experiment.PARTS).resolve(Experiment.PART_RECORD);
    if (Files.exists(parts)) {
      info.add("parts", partsSummary(parts));
    }
    info.add("created", LocalDateTime.now().withNano(0).toString());
    if (loaded.tree().at("/dataset/options/noise").isTextual()) {
      info.add("noise", loaded.tree().at("/dataset/options/noise").asText());
    }
    info.write(runDir.resolve("run-info.csv"));
  }

  /** For run-info.csv: how many parts ran in processes of their own, and their threads ({@code parts/jobs.csv}). */
  static String partsSummary(Path record) throws IOException {
    java.util.TreeSet<Integer> threads = new java.util.TreeSet<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (String line : Files.readAllLines(record)) {
      String[] f = line.split(",");
      if (f.length == 4 && f[3].equals("0")) {
        names.add(f[0]);
        threads.add(Integer.parseInt(f[1]));
      }
    }
    String t = threads.isEmpty() ? "" : threads.first().equals(threads.last()) ? threads.first().toString()
        : threads.first() + "-" + threads.last();
    return names.size() + " side by side in processes of their own, " + t + " thread(s) each (parts/jobs.csv)";
  }

  /** What a call of {@link #run} does with its run folder. */
  public enum Mode {
    /** A new run: the folder must be missing or empty. */
    NEW,
    /** {@code --resume}: continue the run in its folder, with the config it was made with. */
    RESUME,
    /** {@code sa evaluate}: as resume, after forgetting which variants were scored. */
    EVALUATE,
    /**
     * A new run folder with its config, checked like a new run, and nothing run yet: a cluster job
     * does the work later with {@code --resume}.
     */
    PREPARE
  }

  /**
   * Runs a loaded config into {@code runDir}. Every check that needs no run folder (values, plugin
   * options, devices, the first data set) comes first: a bad config leaves nothing behind.
   *
   * @param report build the report (tables and figures) at the end
   */
  public static Path run(ConfigLoader.Loaded loaded, PluginHost host, Path runDir, PrintWriter out, Progress progress,
      boolean report, Mode mode) throws IOException {
    return run(loaded, host, runDir, out, progress, report, mode, null);
  }

  /**
   * Like {@link #run(ConfigLoader.Loaded, PluginHost, Path, PrintWriter, Progress, boolean, Mode)};
   * with a {@code part} (resume only) just that part of the plan ({@link ExperimentPlan.Part}), under
   * the part's own lock and without the tables, which a run without a part merges.
   */
  public static Path run(ConfigLoader.Loaded loaded, PluginHost host, Path runDir, PrintWriter out, Progress progress,
      boolean report, Mode mode, String partName) throws IOException {
    if (partName != null && mode != Mode.RESUME) {
      throw SaException.invalidInput("--part " + partName + " needs --resume RUN_DIR");
    }
    if (mode == Mode.NEW || mode == Mode.PREPARE) {
      RunFolder.checkNew(runDir);
    }
    selectEngine(loaded, mode != Mode.EVALUATE);
    for (ExperimentPlan.Variant v : ExperimentPlan.variants(loaded)) {
      Setup.checkRanges(v.config(), loaded.source());
      Setup.device(v.config().devices(), loaded.source());
    }
    ExperimentPlan plan = ExperimentPlan.of(loaded, host);
    Setup.resolveOptions(loaded.tree(), loaded.config(), host, loaded.source());
    ConfigFingerprint fingerprint = ConfigFingerprint.ofWritten(loaded.tree());
    if (mode != Mode.PREPARE) {
      // The engine's natives are unpacked now, so a full disk stops the run before its folder exists.
      ai.djl.engine.Engine.getInstance();
    }
    List<ExperimentPlan.Group> groups = plan.groups();
    ExperimentPlan.Part part = partName == null ? null : plan.part(partName);
    ExperimentPlan.Variant lead = groups.get(0).lead();
    // The first data set is opened before the folder exists: a missing data root leaves no stub.
    try (Setup first = new Setup(new ConfigLoader.Loaded(lead.config(), lead.tree(), loaded.source()), host, progress);
        RunFolder folder = part != null ? RunFolder.openPart(runDir, part.name(), fingerprint, progress::info)
            : openFolder(runDir, mode, fingerprint, groups.get(0).variants(), first.context(), loaded.source(), progress);
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(runDir.resolve("run.log"),
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
      progress.logTo(log);
      try {
        if (mode == Mode.EVALUATE) {
          forgetScored(runDir);
        }
        if (part == null) {
          ConfigLoader.writeResolved(loaded.tree(), runDir.resolve(ConfigLoader.RESOLVED));
          copyReference(loaded.source(), runDir);
        }
        if (mode == Mode.PREPARE) {
          return runDir;
        }
        progress.info("run folder: " + runDir.toAbsolutePath() + (part == null ? "" : ", part " + part.name()));
        Evaluation.Outputs outputs = runGroups(loaded, host, runDir, progress, groups, first, fingerprint, part);
        if (part == null) {
          markPartsDone(plan, runDir);
          writeOutputs(outputs, runDir, out, progress, report);
        }
      } finally {
        progress.logTo(null);
      }
    }
    return runDir;
  }

  /**
   * After a whole run (or a merge): every part of the plan is done, so that a later resume with
   * parts side by side (variants added, another machine) starts no process for them.
   */
  private static void markPartsDone(ExperimentPlan plan, Path runDir) throws IOException {
    Path marks = runDir.resolve(Experiment.PARTS);
    Files.createDirectories(marks);
    for (ExperimentPlan.Part p : plan.parts()) {
      Path mark = marks.resolve(p.name() + ".done");
      if (!Files.exists(mark)) {
        AtomicFiles.writeString(mark, "ok\n");
      }
    }
  }

  /** Checks what the first group's variants need of its data set, then makes (or opens) the run folder. */
  private static RunFolder openFolder(Path runDir, Mode mode, ConfigFingerprint fingerprint,
      List<ExperimentPlan.Variant> firstGroup, RunContext first, String source, Progress progress)
      throws IOException {
    for (ExperimentPlan.Variant v : firstGroup) {
      Setup.checkData(first, v.config(), source + (firstGroup.size() > 1 ? " (variant '" + v.name() + "')" : ""));
    }
    Consumer<String> warn = progress::info;
    return mode == Mode.NEW || mode == Mode.PREPARE ? RunFolder.create(runDir, fingerprint, warn)
        : RunFolder.open(runDir, fingerprint, warn);
  }


  /** {@code sa evaluate}: removes the variants' done markers, so that every variant is scored again. */
  static void forgetScored(Path runDir) throws IOException {
    try (var walk = Files.walk(runDir.resolve("variants"))) {
      for (Path done : (Iterable<Path>) walk.filter(p -> p.getFileName().toString().equals("done"))::iterator) {
        Files.delete(done);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // nothing trained beyond the baseline yet
    }
  }

  private static Evaluation.Outputs runGroups(ConfigLoader.Loaded loaded, PluginHost host, Path runDir,
      Progress progress, List<ExperimentPlan.Group> groups, Setup first, ConfigFingerprint fingerprint,
      ExperimentPlan.Part part) throws IOException {
    Evaluation.Outputs outputs = new Evaluation.Outputs();
    for (int i = 0; i < groups.size(); i++) {
      ExperimentPlan.Group group = groups.get(i);
      if (part != null && !part.in(group)) {
        continue;
      }
      ExperimentPlan.Variant lead = group.lead();
      Setup setup = i == 0 ? first
          : new Setup(new ConfigLoader.Loaded(lead.config(), lead.tree(), loaded.source()), host, progress);
      try {
        NormalizerStage.apply(setup, lead.tree(), host, runDir, progress);
        RunContext ctx = setup.context();
        progress.info("data set '" + lead.config().dataset().plugin() + "': " + ctx.train().size() + " training, "
            + ctx.val().size() + " validation faces; test subsets " + ctx.tests().keySet()
            + (groups.size() > 1 ? " (variants " + names(group.variants()) + ")" : ""));
        if (i == 0 && part == null) {
          writeInfo(loaded, ctx, runDir);
        }
        String meanShape = groups.size() > 1 ? "mean-shape (" + lead.name() + ")" : "mean-shape";
        outputs.addAll(new Experiment(setup, host, progress, runDir, fingerprint.sha256()).run(group, meanShape, part));
      } finally {
        if (i > 0) {
          setup.close();
        }
      }
    }
    return outputs;
  }

  private static void writeOutputs(Evaluation.Outputs outputs, Path runDir, PrintWriter out, Progress progress,
      boolean report) throws IOException {
    outputs.metrics.write(runDir.resolve("metrics.csv"));
    NormalizerStage.writeRunTable(runDir);
    outputs.errors.write(runDir.resolve("errors.csv"));
    outputs.landmarks.write(runDir.resolve("landmark-errors.csv"));
    outputs.history.write(runDir.resolve("history.csv"));
    writeReport(runDir, out, progress, report);
  }

  /** Builds the report of a finished run folder (when {@code report}), prints its main table and the folder. */
  public static void writeReport(Path runDir, PrintWriter out, Progress progress, boolean report) throws IOException {
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
  }
}
