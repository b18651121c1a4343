package dev.sa.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterFileTest {
  @TempDir
  Path dir;

  @Test
  void roundTripThenOneLinePerProblemNamingTheFile() throws Exception {
    Path file = dir.resolve("x.params");
    ParameterFile.write(file, "sa-x", 2, out -> out.writeInt(42));
    AtomicInteger back = new AtomicInteger();
    ParameterFile.read(file, "sa-x", 2, "X", "train x first", in -> back.set(in.readInt()));
    assertThat(back.get()).isEqualTo(42);

    assertThatThrownBy(() -> ParameterFile.read(dir.resolve("none"), "sa-x", 2, "X", "train x first", in -> { }))
        .isInstanceOf(SaException.class).hasMessage(dir.resolve("none") + ": missing; train x first (it writes none)");
    assertThatThrownBy(() -> ParameterFile.read(file, "sa-x", 3, "X", "", in -> { }))
        .hasMessage(file + ": not a X parameter file of format 3 (found 'sa-x' format 2)");
    // a reader that needs more than the file holds, or fails on its content: damaged
    assertThatThrownBy(() -> ParameterFile.read(file, "sa-x", 2, "X", "", in -> in.readLong()))
        .hasMessage(file + ": damaged X parameters (the file is cut short)");
    assertThatThrownBy(() -> ParameterFile.read(file, "sa-x", 2, "X", "", in -> {
      throw new Exception("bad shape");
    })).hasMessage(file + ": damaged X parameters (bad shape)");
    Files.write(file, new byte[] {0});
    assertThatThrownBy(() -> ParameterFile.read(file, "sa-x", 2, "X", "", in -> { }))
        .hasMessage(file + ": not a X parameter file (it ends before its header)");
  }
}
