package dev.sa.app.run;

import java.nio.file.Path;

/** A second process for {@link RunFolderTest}: locks the run folder given, says so, and waits to be killed. */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    RunFolder.lock(Path.of(args[0]), line -> { });
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(120_000);
  }
}
