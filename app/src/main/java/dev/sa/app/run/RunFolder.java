package dev.sa.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sa.api.SaException;
import dev.sa.app.config.ConfigFingerprint;
import dev.sa.app.config.ConfigLoader;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The rules of a run folder, held for the life of the process that works in it:
 *
 * <ul>
 *   <li>a new run goes only into a missing or empty folder (an existing run is continued with
 *       {@code --resume}), and everything about {@code --out} is checked before it is created;
 *   <li>one process at a time: {@link #LOCK} is locked with {@link FileChannel#tryLock()} and holds
 *       the holder's pid; the operating system releases the lock when the process dies, so a lock
 *       file with a pid but no lock is stale and taken over with a warning;
 *   <li>{@link #FINGERPRINT} keeps the fingerprint (and tree) of the config the run was created
 *       with; resume and evaluate refuse a config that no longer matches it.
 * </ul>
 */
public final class RunFolder implements AutoCloseable {
  /** Prefix of a seed's run folder inside a multi-seed run. */
  public static final String SEED_PREFIX = "seed-";

  /** The lock file: empty when free, the holder's pid while held (left behind by a killed one). */
  public static final String LOCK = "run.lock";
  /** The config the run's checkpoints were made with: {@code sha256} and {@code config}. */
  public static final String FINGERPRINT = "fingerprint.yaml";

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private RunFolder(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Checks, without writing anything, that {@code dir} can take a new run: it is missing (and can
   * be created) or an empty, writable folder. Anything else is exit 2 with one line.
   */
  public static void checkNew(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw SaException.invalidInput(dir + ": the run folder (--out) is a file, not a folder; give a new folder");
    }
    if (Files.isDirectory(dir)) {
      if (!isEmpty(dir)) {
        throw SaException.invalidInput(dir + ": the run folder (--out) is not empty; continue the run in it with"
            + " 'sa run --resume " + dir + "', or give --out a new folder");
      }
      if (!Files.isWritable(dir)) {
        throw SaException.invalidInput(dir + ": the run folder (--out) is not writable");
      }
      return;
    }
    Path p = dir.toAbsolutePath().getParent();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      throw SaException.invalidInput(dir + ": cannot create the run folder (--out): no existing parent folder");
    }
    if (!Files.isDirectory(p)) {
      throw SaException.invalidInput(dir + ": cannot create the run folder (--out): " + p + " is a file");
    }
    if (!Files.isWritable(p)) {
      throw SaException.invalidInput(dir + ": cannot create the run folder (--out): " + p + " is not writable");
    }
  }

  /** Empty, or holding only a free lock file of a run that stopped before writing anything. */
  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.allMatch(p -> p.getFileName().toString().equals(LOCK));
    } catch (IOException e) {
      throw SaException.invalidInput(dir + ": cannot read the run folder (--out): " + e.getMessage());
    }
  }

  /**
   * Creates the folder of a new run, locks it and writes the config's fingerprint.
   *
   * @param warn receives one-line warnings (a stale lock taken over)
   */
  public static RunFolder create(Path dir, ConfigFingerprint fingerprint, Consumer<String> warn) {
    checkNew(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw SaException.invalidInput(dir + ": cannot create the run folder (--out): " + reason(e));
    }
    RunFolder folder = lock(dir, warn);
    try {
      if (!isEmpty(dir)) {
        throw SaException.invalidInput(dir + ": another run started in this folder meanwhile; use --resume " + dir);
      }
      folder.writeFingerprint(fingerprint);
    } catch (RuntimeException | IOException e) {
      folder.close();
      throw e instanceof RuntimeException r ? r : SaException.runtime(dir + ": " + reason(e), e);
    }
    return folder;
  }

  /**
   * Opens an existing run folder (resume, evaluate): locks it and checks that {@code fingerprint}
   * (the config now in its resolved-config.yaml) is the one the run was created with.
   */
  public static RunFolder open(Path dir, ConfigFingerprint fingerprint, Consumer<String> warn) throws IOException {
    return open(dir, LOCK, fingerprint, warn);
  }

  /**
   * Opens an existing run folder for one part of its work ({@code sa run --resume DIR --part P}, a
   * cluster job): like {@link #open(Path, ConfigFingerprint, Consumer)}, but the lock is the part's
   * own ({@code run-<part>.lock}), so that parts run side by side; no two processes do one part.
   */
  public static RunFolder openPart(Path dir, String part, ConfigFingerprint fingerprint, Consumer<String> warn)
      throws IOException {
    return open(dir, partLock(part), fingerprint, warn);
  }

  /** The lock file of one part of a run folder ({@link #LOCK} is the whole folder's). */
  public static String partLock(String part) {
    return "run-" + part + ".lock";
  }

  private static RunFolder open(Path dir, String lockFile, ConfigFingerprint fingerprint, Consumer<String> warn)
      throws IOException {
    RunFolder folder = lock(dir, lockFile, warn);
    try {
      if (lockFile.equals(LOCK)) {
        // Only under the whole folder's lock: parts running side by side may be writing theirs.
        folder.removeStaleTemps(warn);
      }
      Path file = dir.resolve(FINGERPRINT);
      if (!Files.exists(file)) {
        warn.accept("sa: warning: " + dir + ": no " + FINGERPRINT + " (a run folder of an older sa); taking its"
            + " resolved-config.yaml as the config of its checkpoints");
        folder.writeFingerprint(fingerprint);
        return folder;
      }
      JsonNode saved = ConfigLoader.YAML.readTree(file.toFile());
      if (!fingerprint.sha256().equals(saved.path("sha256").asText())) {
        List<String> diff = ConfigFingerprint.diff(saved.path("config"), fingerprint.tree());
        throw SaException.invalidInput(dir.resolve(ConfigLoader.RESOLVED) + ": the config no longer matches the one"
            + " this run's checkpoints were made with (" + FINGERPRINT + "): "
            + (diff.isEmpty() ? FINGERPRINT + " was edited" : String.join(", ", diff))
            + "; undo the edit, or start a new run with --out");
      }
    } catch (RuntimeException | IOException e) {
      folder.close();
      throw e;
    }
    return folder;
  }

  /**
   * Deletes the half-written temp files ({@link AtomicFiles#isTemp}) a killed process left in the
   * folder (a figure, a table, a checkpoint file); safe because this process holds the lock.
   */
  private void removeStaleTemps(Consumer<String> warn) throws IOException {
    List<Path> stale = AtomicFiles.removeStaleTemps(dir);
    if (!stale.isEmpty()) {
      warn.accept("removed " + stale.size() + " half-written temp file(s) of a stopped run, e.g. " + stale.get(0));
    }
  }

  private void writeFingerprint(ConfigFingerprint fingerprint) throws IOException {
    writeFingerprint(dir, fingerprint);
  }

  /** Writes {@link #FINGERPRINT} of folder {@code dir} (whose lock the caller holds). */
  static void writeFingerprint(Path dir, ConfigFingerprint fingerprint) throws IOException {
    ObjectNode doc = ConfigLoader.YAML.createObjectNode();
    doc.put("sha256", fingerprint.sha256());
    doc.set("config", fingerprint.tree());
    AtomicFiles.writeString(dir.resolve(FINGERPRINT), "# The config this run's checkpoints are made with;"
        + " 'sa run --resume' and 'sa evaluate' refuse another. Do not edit.\n"
        + ConfigLoader.YAML.writeValueAsString(doc));
  }

  /**
   * For a command that writes {@code output} (a file or folder) beside a run ({@code sa align},
   * {@code sa predict}, {@code sa search-grid}): locks {@code runDir} like {@code sa run} when the
   * output lies inside it, so that it never writes into a folder another process works in; null
   * (nothing to hold) when the output lies elsewhere.
   *
   * @param outOption the option that moves the output elsewhere (named when the folder is busy), or
   *     null when there is none
   */
  public static RunFolder lockForOutput(Path runDir, Path output, String outOption, Consumer<String> warn) {
    Path run = runDir.toAbsolutePath().normalize();
    if (!output.toAbsolutePath().normalize().startsWith(run)) {
      return null;
    }
    try {
      return lock(runDir, warn);
    } catch (SaException e) {
      if (outOption == null || !e.getMessage().contains("in use by another sa process")) {
        throw e;
      }
      throw SaException.invalidInput(e.getMessage() + ", or write elsewhere with " + outOption);
    }
  }

  /** Locks {@code dir/run.lock} or fails with the holder's pid. */
  static RunFolder lock(Path dir, Consumer<String> warn) {
    return lock(dir, LOCK, warn);
  }

  private static RunFolder lock(Path dir, String lockFile, Consumer<String> warn) {
    Path file = dir.resolve(lockFile);
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw SaException.invalidInput(file + ": cannot open the run folder's lock file: " + reason(e));
    }
    try {
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null; // held by this process, through another channel
      }
      String holder = read(ch);
      if (l == null) {
        ch.close();
        throw SaException.invalidInput(dir + ": the run folder is in use by another sa process (pid "
            + (holder.isEmpty() ? "unknown" : holder) + ", lock " + file + "); wait for it to end or stop it");
      }
      if (!holder.isEmpty()) {
        boolean alive = holder.matches("\\d{1,18}")
            && ProcessHandle.of(Long.parseLong(holder)).map(ProcessHandle::isAlive).orElse(false);
        warn.accept("sa: warning: " + file + ": taking over the stale lock of pid " + holder
            + (alive ? " (it no longer holds it)" : " (no longer running)"));
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(false);
      return new RunFolder(dir, ch, l);
    } catch (IOException e) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw SaException.runtime(file + ": cannot lock the run folder: " + reason(e), e);
    }
  }

  private static String read(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(64);
    int n = ch.read(b, 0);
    return n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
  }

  private static String reason(Exception e) {
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName().replace("Exception", "");
    return m == null ? kind : kind + " " + m;
  }

  /** Frees the lock: the file is emptied (not deleted, so that no other process locks a removed file). */
  /** The folder of one seed's run inside a multi-seed run. */
  public static Path seedDir(Path runDir, long seed) {
    return runDir.resolve(SEED_PREFIX + seed);
  }

  @Override
  public void close() {
    try {
      if (channel.isOpen()) {
        channel.truncate(0);
        lock.release();
        channel.close();
      }
    } catch (IOException e) {
      // closing the channel frees the lock in any case
    }
  }
}
