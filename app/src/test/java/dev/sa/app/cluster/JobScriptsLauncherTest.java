package dev.sa.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command that starts this same sa again (cluster jobs, sa bench's per-thread-count children). */
class JobScriptsLauncherTest {
  /** Prints {@link JobScripts#currentLauncher()} one argument per line (run in a child JVM). */
  public static final class Print {
    public static void main(String[] args) {
      JobScripts.currentLauncher().forEach(System.out::println);
    }
  }

  @Test
  void carriesThisProcesssLogLevelsAndOneDefaultLevel() throws Exception {
    String quiet = "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error";
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), quiet,
        "-cp", System.getProperty("java.class.path"), Print.class.getName()).redirectErrorStream(true).start();
    List<String> cmd = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cmd).contains(quiet).endsWith("dev.sa.app.Main");
    assertThat(cmd.stream().filter(a -> a.startsWith("-Dorg.slf4j.simpleLogger.defaultLogLevel="))).hasSize(1);
  }
}
