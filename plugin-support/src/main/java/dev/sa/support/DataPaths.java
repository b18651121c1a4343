package dev.sa.support;

import dev.sa.api.SaException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Paths named inside data set files, kept inside the data set's folder. */
public final class DataPaths {
  private DataPaths() {}

  /**
   * {@code root/relative}, normalised. Refused with an invalid-input error (exit 2) naming
   * {@code where} when {@code relative} is absolute or its {@code ..} parts lead outside
   * {@code root}; the check is on the names, so a symbolic link inside the root may still point
   * to a disk elsewhere (as data set folders often do).
   *
   * @param where the file and line that named the path, e.g. {@code train.csv:12}
   */
  public static Path under(Path root, String relative, String where) {
    Path base = root.toAbsolutePath().normalize();
    Path resolved;
    boolean absolute;
    try {
      absolute = Path.of(relative).isAbsolute();
      resolved = base.resolve(relative).normalize();
    } catch (InvalidPathException e) {
      throw SaException.invalidInput(where + ": path " + TextFiles.quote(relative) + " is not a valid file name");
    }
    if (absolute || !resolved.startsWith(base)) {
      throw SaException.invalidInput(where + ": path " + TextFiles.quote(relative) + " resolves outside the data root "
          + base + "; paths in split files must be relative and stay inside it");
    }
    return resolved;
  }
}
