package dev.sa.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.run.TinyRun;
import dev.sa.app.train.NativeLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk when the engine's natives are unpacked at start-up: one line naming the folder, exit
 * 1, no stack trace and no run folder.
 */
@Tag("reliability")
class DiskFullTest {
  @TempDir
  Path dir;

  @Test
  void aFileSizeLimitAtStartUpGivesOneLineNamingTheFolder() throws Exception {
    Path jnaDir = Files.createDirectories(dir.resolve("jna-tmp"));
    Path out = dir.resolve("R");
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", "ulimit -f 100 && exec \"$@\"", "sa",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djna.tmpdir=" + jnaDir,
        "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"), "dev.sa.app.Main"));
    cmd.addAll(TinyRun.args(out));
    Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(dir.resolve("err.txt"));

    assertThat(p.exitValue()).as(err).isEqualTo(1);
    assertThat(err.strip().lines()).as(err).containsExactly("sa: error: " + jnaDir + " is full (File too large while"
        + " unpacking JNA's native library); free space there, raise the file size limit (ulimit -f), or point"
        + " -Djna.tmpdir=DIR (SA_JAVA_OPTS) at another folder");
    assertThat(out).doesNotExist();
  }

  @Test
  void aFullEngineCacheIsNamedAndOtherErrorsAreNotTakenForAFullDisk() {
    Throwable djl = new RuntimeException("Failed to load MXNet native library",
        new IOException("No space left on device"));
    djl.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("ai.djl.mxnet.jna.LibUtils", "loadLibrary", "LibUtils.java", 74)});
    assertThat(NativeLoad.diskFull(djl)).hasValueSatisfying(line -> assertThat(line)
        .startsWith("sa: error: ").contains(" is full (No space left on device while unpacking the engine's native"
            + " libraries)").contains("DJL_CACHE_DIR"));

    assertThat(NativeLoad.diskFull(new IOException("No space left on device"))).isEmpty();
    assertThat(NativeLoad.diskFull(new UnsatisfiedLinkError("libfoo.so: cannot open shared object file"))).isEmpty();
  }
}
