package dev.sa.app.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows long work: a progress bar (phase, epoch, step, loss, ETA) on a terminal, plain log lines
 * otherwise (CI, files). Every message also goes to the run's log.
 */
public final class Progress {
  private final PrintWriter err;
  private final boolean terminal;
  private PrintWriter log;
  /** Lines told before the run's log was opened (checks before the run folder exists), for the log. */
  private final java.util.List<String> early = new java.util.ArrayList<>();

  public Progress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  public static boolean isTerminal() {
    return System.console() != null && System.getenv("CI") == null;
  }

  /** Sends every later line to {@code log} (null: none), after the lines told before it was opened. */
  public synchronized void logTo(PrintWriter log) {
    this.log = log;
    if (log != null) {
      for (String line : early) {
        log.println(line);
      }
      log.flush();
    }
    early.clear();
  }

  /** One line for the user and the log. */
  public synchronized void info(String message) {
    err.println(message);
    err.flush();
    String line = java.time.LocalDateTime.now().withNano(0) + " " + message;
    if (log != null) {
      log.println(line);
      log.flush();
    } else if (early.size() < 1000) {
      early.add(line);
    }
  }

  /** A line of a child process's output for the user only (the child writes its own log). */
  public synchronized void relay(String line) {
    err.println(line);
    err.flush();
  }

  /** A task of {@code total} steps. */
  public Task task(String name, long total) {
    return new Task(name, total);
  }

  /** A running task; close it when done. */
  public final class Task implements AutoCloseable {
    private final String name;
    private final long total;
    private final long start = System.nanoTime();
    private final ProgressBar bar;
    private long done;
    private long lastLine;

    Task(String name, long total) {
      this.name = name;
      this.total = total;
      this.bar = terminal
          ? new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(500).showSpeed().build()
          : null;
    }

    public void step(String extra) {
      done++;
      if (bar != null) {
        bar.stepTo(done);
        bar.setExtraMessage(extra);
        return;
      }
      long now = System.nanoTime();
      if (now - lastLine > 15_000_000_000L || done == total) {
        lastLine = now;
        double elapsed = (now - start) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        info(String.format(Locale.ROOT, "%s %d/%d %s elapsed %s ETA %s", name, done, total, extra,
            fmt(elapsed), fmt(eta)));
      }
    }

    public double seconds() {
      return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  /** Seconds as {@code m:ss} (minutes may pass 59). */
  public static String duration(double seconds) {
    return fmt(seconds);
  }

  static String fmt(double seconds) {
    Duration d = Duration.ofSeconds((long) seconds);
    return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
  }
}
