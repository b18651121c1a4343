package dev.sa.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheFileCreatesFoldersAndLeavesNoTempFile() throws IOException {
    Path file = dir.resolve("x.pts");
    Files.writeString(file, "old");
    assertThat(AtomicFiles.writeString(file, "new")).isEqualTo(file);
    assertThat(Files.readString(file)).isEqualTo("new");
    Path nested = AtomicFiles.writeBytes(dir.resolve("a/b/c.bin"), new byte[] {1, 2});
    assertThat(Files.readAllBytes(nested)).containsExactly(1, 2);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(file, dir.resolve("a"));
    }
  }

  @Test
  void aFailingWriterKeepsTheOldFileAndLeavesNoTempFile() throws IOException {
    Path file = dir.resolve("keep.txt");
    Files.writeString(file, "old");
    assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
      out.write(1);
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(Files.readString(file)).isEqualTo("old");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  /** Issue 17 item 13: Files.createTempFile made owner-only (600) files; the umask decides now. */
  @Test
  void aWrittenFileHasTheModeOfAnyNewFile() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path atomic = AtomicFiles.writeString(dir.resolve("atomic.txt"), "x");
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
    assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(expected);
    assertThat(expected).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    // The build runs under the usual umask 022: the others may read.
    if (expected.contains(PosixFilePermission.OTHERS_READ)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic))).isEqualTo("rw-r--r--");
    }
  }

  @Test
  void theUncheckedFormNamesTheFile() throws IOException {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
    Path target = blocker.resolve("x.md");
    assertThatThrownBy(() -> AtomicFiles.writeUnchecked(target, "text"))
        .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot write " + target + ": ");
  }

  @Test
  void staleTempFilesOfAKilledWriterAreRecognisedAndRemovedOthersKept() throws IOException {
    Path figure = Files.createDirectories(dir.resolve("figures")).resolve(".faces.png.k3j9x0.tmp");
    Path deep = Files.createDirectories(dir.resolve("v/ckpt")).resolve(".model.params.1.tmp");
    Path keep = dir.resolve("figures/faces.png");
    Path hidden = dir.resolve(".keep.tmp");
    Path upper = dir.resolve(".a.png.ABC.tmp");
    for (Path p : new Path[] {figure, deep, keep, hidden, upper}) {
      Files.writeString(p, "x");
    }
    assertThat(AtomicFiles.isTemp(figure)).isTrue();
    assertThat(AtomicFiles.isTemp(keep)).isFalse();

    assertThat(AtomicFiles.removeStaleTemps(dir)).containsExactlyInAnyOrder(figure, deep);
    assertThat(figure).doesNotExist();
    assertThat(deep).doesNotExist();
    assertThat(keep).exists();
    assertThat(hidden).exists();
    assertThat(upper).exists();
    assertThat(AtomicFiles.removeStaleTemps(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void theTempFileAWriterIsKilledInIsOneRemoveStaleTempsFinds() throws IOException {
    Path file = dir.resolve("t.bin");
    Path[] seen = new Path[1];
    AtomicFiles.write(file, out -> {
      try (Stream<Path> s = Files.list(dir)) {
        seen[0] = s.filter(AtomicFiles::isTemp).findFirst().orElse(null);
      }
    });
    assertThat(seen[0]).isNotNull();
  }
}
