package dev.sa.app.run;

import dev.sa.api.SaException;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Epoch checkpoints of one phase: {@code ckpt/epoch-0003/} holds a complete checkpoint, and the
 * file {@code ckpt/latest} (written atomically, last) names the current one. A run killed while
 * writing leaves at worst an unnamed folder, which the next commit removes.
 *
 * <p>Corruption (issue 17, item 4). {@link #commit} writes a manifest ({@value #MANIFEST}: the
 * SHA-256 and size of every file of the checkpoint but the config fingerprint, read back from disk)
 * before the checkpoint becomes current, and keeps the previous checkpoint beside the new one.
 * {@link #resumable} verifies a checkpoint's files against its manifest before a resume; a
 * corrupt latest is skipped with a warning naming the file, and the previous one is used; when no
 * checkpoint is usable, the run is refused (exit 2) with the folder's path. A checkpoint of an
 * older sa, without a manifest, is accepted unverified.
 */
final class Checkpoints {
  /** In each checkpoint: the fingerprint of the config that made it ({@code ConfigFingerprint}). */
  static final String FINGERPRINT = "config.sha256";
  /** In each checkpoint: {@code sha256 size name} per file, written last. */
  static final String MANIFEST = "manifest.sha256";

  private final Path root;

  Checkpoints(Path phaseDir) {
    this.root = phaseDir.resolve("ckpt");
  }

  /** The current checkpoint folder (as {@code ckpt/latest} names it, unverified), or null. */
  Path latest() throws IOException {
    Path pointer = root.resolve("latest");
    if (!Files.exists(pointer)) {
      return null;
    }
    Path dir = root.resolve(Files.readString(pointer).trim());
    return Files.isDirectory(dir) ? dir : null;
  }

  /**
   * The checkpoint to resume from: the current one if its files match its manifest, else the newest
   * earlier one that does, with a warning to {@code warn} naming what is wrong; null when the phase
   * has no checkpoint.
   *
   * @throws SaException invalid input (exit 2) naming the folder when checkpoints exist but none is usable
   */
  Path resumable(Consumer<String> warn) throws IOException {
    List<Path> candidates = new ArrayList<>();
    Path latest = latest();
    if (latest != null) {
      candidates.add(latest);
    }
    for (Path p : verifiedFolders()) {
      if (!p.equals(latest)) {
        candidates.add(p);
      }
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Path c = candidates.get(i);
      String problem = problem(c);
      if (problem == null) {
        return c;
      }
      problems.add(problem);
      warn.accept("warning: checkpoint " + c + " is not usable: " + problem + (i + 1 < candidates.size()
          ? "; trying the previous checkpoint " + candidates.get(i + 1).getFileName() : ""));
    }
    if (!problems.isEmpty()) {
      throw SaException.invalidInput(root + ": no usable checkpoint to resume from (" + String.join("; ", problems)
          + "); remove " + root + " to train this phase again");
    }
    return null;
  }

  /** A fresh folder for the checkpoint after {@code epoch} epochs. */
  Path begin(int epoch) throws IOException {
    Path dir = root.resolve(String.format("epoch-%04d", epoch));
    if (Files.exists(dir)) {
      deleteTree(dir);
    }
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * Writes {@code dir}'s manifest, checks the files against it, makes {@code dir} current, and
   * removes every older checkpoint but the newest verified one (the previous checkpoint).
   */
  void commit(Path dir) throws IOException {
    StringBuilder manifest = new StringBuilder();
    for (Path f : files(dir)) {
      manifest.append(sha256(f)).append(' ').append(Files.size(f)).append(' ').append(f.getFileName()).append('\n');
    }
    AtomicFiles.writeString(dir.resolve(MANIFEST), manifest.toString());
    String problem = problem(dir);
    if (problem != null) {
      throw new IOException("checkpoint " + dir + " does not match what was written: " + problem);
    }
    Path previous = null;
    for (Path p : verifiedFolders()) {
      if (!p.equals(dir) && p.getFileName().toString().compareTo(dir.getFileName().toString()) < 0) {
        previous = p;
        break;
      }
    }
    AtomicFiles.writeString(root.resolve("latest"), dir.getFileName().toString());
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isDirectory(p) && !p.equals(dir) && !p.equals(previous)) {
          deleteTree(p);
        }
      }
    }
  }

  /** Checkpoint folders with a manifest, newest first. */
  private List<Path> verifiedFolders() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> Files.isDirectory(p) && Files.exists(p.resolve(MANIFEST)))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
    }
  }

  /**
   * What is wrong with checkpoint {@code dir} against its manifest (the first file that is missing,
   * of another size or another checksum), or null when it matches or has no manifest.
   */
  static String problem(Path dir) throws IOException {
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.exists(manifest)) {
      return null;
    }
    for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split(" ", 3);
      if (f.length != 3) {
        return manifest + ": unreadable line '" + line + "'";
      }
      Path file = dir.resolve(f[2]);
      try {
        long size = Files.size(file);
        if (size != Long.parseLong(f[1])) {
          return file + " has " + size + " bytes, " + f[1] + " were written (truncated or corrupt)";
        }
        if (!sha256(file).equals(f[0])) {
          return file + " does not match its checksum in " + MANIFEST + " (corrupt)";
        }
      } catch (NoSuchFileException e) {
        return file + " is missing";
      } catch (NumberFormatException e) {
        return manifest + ": unreadable line '" + line + "'";
      }
    }
    return null;
  }

  /** The files a manifest covers: every regular file but the fingerprint, the manifest and temp files. */
  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString();
        return !n.equals(MANIFEST) && !n.equals(FINGERPRINT) && !n.startsWith(".");
      }).sorted().toList();
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * Refuses a checkpoint made by another config than {@code expected} (null: no check). A
   * checkpoint of an older sa, without a fingerprint, is accepted.
   */
  static void checkFingerprint(Path checkpoint, String expected) throws IOException {
    Path file = checkpoint.resolve(FINGERPRINT);
    if (expected == null || !Files.exists(file)) {
      return;
    }
    String had = Files.readString(file).trim();
    if (!had.equals(expected)) {
      throw SaException.invalidInput(checkpoint + ": this checkpoint was made by another config"
          + " (fingerprint " + abbrev(had) + ", the run's is " + abbrev(expected) + "); start a new run with --out");
    }
  }

  private static String abbrev(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
