package dev.sa.app;

import dev.sa.app.cli.SaCli;
import java.io.PrintWriter;

/** Entry point: everything lives in {@link SaCli#run}, so tests can call it with string writers. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(SaCli.run(out, err, args));
  }
}
