package dev.sa.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files so that a reader never sees half of one: the bytes go to a hidden temp file in the
 * same folder, which is then renamed over the target. Missing folders are created.
 *
 * <p>The temp file is created like any new file ({@code CREATE_NEW}), not with
 * {@code Files.createTempFile}, which makes owner-only files: the result gets the mode the
 * process's umask gives every other file, 644 under umask 022.
 */
public final class AtomicFiles {
  private static final int NAME_TRIES = 100;
  private static final String TEMP_PREFIX = ".";
  private static final String TEMP_SUFFIX = ".tmp";
  /** The temp files {@link #write} makes: {@code .<name>.<base-36 random>.tmp}. */
  private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.[0-9a-z]{1,13}\\.tmp");

  private AtomicFiles() {}

  /** Something that writes a file's content. */
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Writes what {@code writer} produces to {@code file}; returns {@code file}. */
  public static Path write(Path file, Writer writer) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String name = file.getFileName().toString();
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve(TEMP_PREFIX + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(),
          36) + TEMP_SUFFIX);
      OutputStream out;
      try {
        out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (attempt < NAME_TRIES) {
          continue;
        }
        throw e;
      }
      try {
        try (out) {
          writer.write(out);
        }
        try {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Whether {@code file} is named like a temp file of {@link #write}, left behind by a killed writer. */
  public static boolean isTemp(Path file) {
    Path name = file.getFileName();
    return name != null && TEMP_NAME.matcher(name.toString()).matches();
  }

  /**
   * Deletes the temp files of {@link #write} under {@code dir} (all depths) that a killed process
   * left behind; only call it while no other process writes there (e.g. holding a run folder's
   * lock). Returns the deleted files; a missing {@code dir} has none.
   */
  public static List<Path> removeStaleTemps(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> stale;
    try (Stream<Path> walk = Files.walk(dir)) {
      stale = walk.filter(p -> isTemp(p) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
    for (Path p : stale) {
      Files.deleteIfExists(p);
    }
    return stale;
  }

  /** Writes {@code bytes} to {@code file}; returns {@code file}. */
  public static Path writeBytes(Path file, byte[] bytes) throws IOException {
    return write(file, out -> out.write(bytes));
  }

  /** Writes {@code text} as UTF-8 to {@code file}; returns {@code file}. */
  public static Path writeString(Path file, String text) throws IOException {
    return writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #writeBytes} for callers without {@code IOException}: the error names the file. */
  public static Path writeUnchecked(Path file, byte[] bytes) {
    try {
      return writeBytes(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@link #writeString} for callers without {@code IOException}: the error names the file. */
  public static Path writeUnchecked(Path file, String text) {
    return writeUnchecked(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
