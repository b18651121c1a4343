package dev.sa.app.cluster;

import dev.sa.app.cli.SaCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A child process of {@link LocalPool} that runs one part after another, so that a part after the
 * first finds the JVM, its compiled code and the engine's kernels warm (docs/findings.md, session 15:
 * a new process spent about 4 s starting and 8 s more in its first search pass and epoch).
 *
 * <p>Protocol: each line on standard input is one {@code sa} command line, its arguments separated
 * by tabs ({@link #encode}); the worker runs it as {@code sa} would ({@link SaCli#run}) and then
 * prints {@link #DONE} and the exit code on a line of its own. End of input ends the worker. A part
 * run here computes what it computes in a process of its own: everything it depends on is made anew
 * per command (plugins, data, network, seeds), and the engine's thread count, fixed per process, is
 * the same for every part a worker takes ({@link LocalPool}).
 */
public final class PartWorker {
  /** The argument of {@code dev.sa.app.Main} that starts a worker. */
  public static final String FLAG = "--part-worker";
  /** Starts the line that ends a command's output; the exit code follows. */
  public static final String DONE = "\u0001sa-part-done ";

  private PartWorker() {}

  /** One command line as a protocol line. */
  static String encode(List<String> args) {
    for (String a : args) {
      if (a.indexOf('\t') >= 0 || a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a part's argument holds a tab or a line break: '" + a + "'");
      }
    }
    return String.join("\t", args);
  }

  /** The command line of a protocol line. */
  static String[] decode(String line) {
    return line.isEmpty() ? new String[0] : line.split("\t", -1);
  }

  /** The exit code a {@link #DONE} line carries, or null if {@code line} is not one. */
  static Integer exitOf(String line) {
    if (!line.startsWith(DONE)) {
      return null;
    }
    try {
      return Integer.parseInt(line.substring(DONE.length()).trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Serves commands from {@code in} until its end; returns 0. An {@link Error} (out of memory, a
   * native library gone wrong) ends the worker after its command is answered with exit 1, so that
   * no later part runs in a process in an unknown state.
   */
  public static int serve(BufferedReader in, PrintWriter out, PrintWriter err) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      int code;
      boolean broken = false;
      try {
        code = SaCli.run(out, err, decode(line));
      } catch (Error e) {
        err.println("sa: error: " + e + " (this worker process ends)");
        code = 1;
        broken = true;
      }
      err.flush();
      out.println(DONE + code);
      out.flush();
      if (broken) {
        return 1;
      }
    }
    return 0;
  }

  /** The arguments of {@code dev.sa.app.Main} that make it a worker: just {@link #FLAG}. */
  public static boolean isWorker(String[] args) {
    return Arrays.equals(args, new String[] {FLAG});
  }

  /** {@code launcher} (the command that starts {@code sa}) started as a worker. */
  static List<String> command(List<String> launcher) {
    List<String> cmd = new ArrayList<>(launcher);
    cmd.add(FLAG);
    return cmd;
  }
}
