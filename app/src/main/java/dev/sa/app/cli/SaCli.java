package dev.sa.app.cli;

import dev.sa.api.SaException;
import dev.sa.app.train.NativeLoad;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import picocli.CommandLine;

/** Wires the Picocli commands, exit codes and error handling in one place. */
public final class SaCli {
  private SaCli() {}

  /** Runs the CLI; returns the exit code (0 ok, 1 failure at run time, 2 bad usage, config or input). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    // Figures and charts are encoded in memory: ImageIO's default disk cache leaves files in the
    // system temp folder when the process is killed while writing one.
    ImageIO.setUseCache(false);
    SaCommand root = new SaCommand(out, err);
    CommandLine cl = commandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("sa: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Try 'sa " + commandPath(ex.getCommandLine()) + "--help' for usage.");
      err.flush();
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      boolean verbose = root.verbose;
      if (ex instanceof SaException se) {
        for (String line : String.valueOf(se.getMessage()).split("\n")) {
          err.println("sa: " + line);
        }
        if (verbose) {
          ex.printStackTrace(err);
        }
        err.flush();
        return se.exitCode();
      }
      Optional<String> full = NativeLoad.diskFull(ex);
      if (full.isPresent() && !verbose) {
        err.println(full.get());
        err.flush();
        return 1;
      }
      err.println("sa: error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage())
          + (verbose ? "" : " (run with --verbose for details)"));
      if (verbose) {
        ex.printStackTrace(err);
      }
      err.flush();
      return 1;
    });
    int code;
    try {
      code = cl.execute(args);
    } catch (Error e) {
      // Errors pass Picocli's handler; the one users meet is a native library that cannot be
      // unpacked into a full disk (JNA's static initialiser).
      Optional<String> full = NativeLoad.diskFull(e);
      if (full.isEmpty() || root.verbose) {
        throw e;
      }
      err.println(full.get());
      code = 1;
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The command tree of {@code root}: the app's commands, then those found on the class path
   * ({@link SaSubcommand}), with the help layout.
   */
  static CommandLine commandLine(SaCommand root) {
    CommandLine cl = new CommandLine(root);
    for (SaSubcommand extra : ServiceLoader.load(SaSubcommand.class, SaCli.class.getClassLoader())) {
      cl.addSubcommand(extra.command());
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    HelpLayout.install(cl);
    return cl;
  }

  private static String commandPath(CommandLine cl) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
      sb.insert(0, c.getCommandName() + " ");
    }
    return sb.toString();
  }
}
