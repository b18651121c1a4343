package dev.sa.app.run;

import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Epoch checkpoints of one phase: {@code ckpt/epoch-0003/} holds a complete checkpoint, and the
 * file {@code ckpt/latest} (written atomically, last) names the current one. A run killed while
 * writing leaves at worst an unnamed folder, which the next commit removes.
 */
final class Checkpoints {
  /** In each checkpoint: the fingerprint of the config that made it ({@code ConfigFingerprint}). */
  static final String FINGERPRINT = "config.sha256";

  private final Path root;

  Checkpoints(Path phaseDir) {
    this.root = phaseDir.resolve("ckpt");
  }

  /** The current checkpoint folder, or null. */
  Path latest() throws IOException {
    Path pointer = root.resolve("latest");
    if (!Files.exists(pointer)) {
      return null;
    }
    Path dir = root.resolve(Files.readString(pointer).trim());
    return Files.isDirectory(dir) ? dir : null;
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

  /** Makes {@code dir} current and removes older checkpoints. */
  void commit(Path dir) throws IOException {
    AtomicFiles.writeString(root.resolve("latest"), dir.getFileName().toString());
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isDirectory(p) && !p.equals(dir)) {
          deleteTree(p);
        }
      }
    }
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
      throw dev.sa.api.SaException.invalidInput(checkpoint + ": this checkpoint was made by another config"
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
