package dev.sa.app;

import dev.sa.app.cli.SaCli;
import dev.sa.app.cluster.PartWorker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point: everything lives in {@link SaCli#run}, so tests can call it with string writers. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    if (PartWorker.isWorker(args)) {
      // a child of sa run's local pool, running its parts one after another
      System.exit(PartWorker.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out,
          err));
    }
    System.exit(SaCli.run(out, err, args));
  }
}
