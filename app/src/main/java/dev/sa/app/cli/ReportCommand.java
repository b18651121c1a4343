package dev.sa.app.cli;

import dev.sa.api.SaException;
import dev.sa.reports.MetricsTable;
import dev.sa.reports.ReportBuilder;
import dev.sa.reports.ReportSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sa report RUN_DIR...}: tables and figures from finished runs, across runs too. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Rebuild the report of one or more finished runs.",
        "Writes the tables (CSV, Markdown), the figures (PNG) and one self-contained report.html:"
            + " a summary with the comparison against the control first, then the paper-style tables and"
            + " figures, the rest in a collapsed appendix."})
public final class ReportCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders holding metrics.csv.")
  List<Path> runs;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: RUN_DIR/report for one run, ./report for several).")
  Path out;

  @Override
  public Integer call() {
    for (Path r : runs) {
      if (!Files.exists(r.resolve("metrics.csv"))) {
        throw SaException.invalidInput(r + ": not a finished run folder (no metrics.csv)");
      }
    }
    Path dir = out != null ? out : runs.size() == 1 ? runs.get(0).resolve("report") : Path.of("report");
    ReportSummary summary;
    long start = System.nanoTime();
    try {
      summary = ReportBuilder.forRuns(runs).writeTo(dir);
    } catch (IllegalArgumentException e) {
      throw SaException.invalidInput(e.getMessage());
    }
    root.out.println(MetricsTable.load(runs).markdown());
    root.out.println(String.format(java.util.Locale.ROOT, "report: %s (built in %.1f s)", summary.html().toAbsolutePath(),
        (System.nanoTime() - start) / 1e9));
    return 0;
  }
}
