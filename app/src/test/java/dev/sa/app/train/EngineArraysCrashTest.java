package dev.sa.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The native crash of the 128 px runs (SIGSEGV in libmxnet.so under {@code JnaUtils.syncCopyFromCPU
 * <- MxNDArray.set <- NDManager.create(float[])}): DJL's copy lets its temporary direct buffer be
 * collected during the native copy. With glibc's mmap threshold held at 128 kB (as before its
 * dynamic raise) the freed buffer is unmapped and the JVM dies at once; with the default it is read
 * after free. Each check runs in a child JVM so that a crash fails the check, not the build.
 */
class EngineArraysCrashTest {
  @Test
  void copiesThroughEngineArraysSurviveGarbageCollectionsDuringTheNativeCopy() throws Exception {
    Result r = stress("engine", 1000);
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("ok 1000");
  }

  /** The hazard itself, in DJL's own copy: kills its JVM (3 of 3 tries, within 1,000 copies). */
  @Test
  @Tag("slow")
  void djlsOwnCopyCrashesUnderTheSameLoad() throws Exception {
    Result r = stress("djl", 20_000);
    assertThat(r.exit).as(r.output).isNotZero();
  }

  private record Result(int exit, String output) {}

  private static Result stress(String mode, int iterations) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-Xmn16m",
        "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "sa-stress-hs_err_%p.log"),
        "-cp", System.getProperty("java.class.path"), EngineArraysStress.class.getName(), mode,
        Integer.toString(iterations)));
    pb.environment().put("MALLOC_MMAP_THRESHOLD_", "131072");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
