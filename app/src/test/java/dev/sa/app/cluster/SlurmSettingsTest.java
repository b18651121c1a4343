package dev.sa.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's cluster settings: read, checked, and rendered into the job script. */
class SlurmSettingsTest {
  @TempDir
  Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("slurm.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void everySettingReachesTheScript() throws Exception {
    SlurmSettings s = SlurmSettings.read(file("""
        partition: gpu
        account: lab-1
        time: "12:00:00"
        cpusPerTask: 8
        memory: 32G
        gpus: 1
        extra: ["--qos=normal"]
        prelude: ["module load java/17", "echo start"]
        """));
    String script = new JobScripts(s, List.of("/opt/java/bin/java", "-cp", "/a b/sa.jar", "dev.sa.app.Main"))
        .render(new Job("v1", List.of("run", "--resume", "/runs/r 1", "--only", "v1"), List.of()), "r", Path.of("/runs/r/slurm"));
    for (String line : List.of("#SBATCH --partition=gpu", "#SBATCH --account=lab-1", "#SBATCH --time=12:00:00",
        "#SBATCH --cpus-per-task=8", "#SBATCH --mem=32G", "#SBATCH --gres=gpu:1", "#SBATCH --qos=normal",
        "#SBATCH --output=/runs/r/slurm/v1-%j.out", "module load java/17\necho start\n",
        "exec /opt/java/bin/java -cp '/a b/sa.jar' dev.sa.app.Main run --resume '/runs/r 1' --only v1")) {
      assertTrue(script.contains(line), line + " missing in\n" + script);
    }
    assertTrue(script.indexOf("module load") < script.indexOf("exec "));
  }

  @Test
  void anEmptyFileMeansTheClusterDefaults() throws Exception {
    assertEquals(SlurmSettings.none(), SlurmSettings.read(file("")));
  }

  @Test
  void badSettingsNameTheFileAndKey() throws Exception {
    assertMessage("partion: gpu\n", "partion: unknown key (did you mean 'partition'?)");
    assertMessage("gpus: 0\n", "gpus: '0' is not valid; expected an integer 1..64");
    assertMessage("time: soon\n", "time: 'soon' is not valid");
    assertMessage("memory: lots\n", "memory: 'lots' is not valid");
    assertMessage("partition: gpu\npartition: cpu\n", "Duplicate field 'partition'");
    assertMessage("- a\n", "expected a map of Slurm settings");
    assertMessage("prelude: {a: 1}\n", "prelude: expected a list of lines");
  }

  private void assertMessage(String yaml, String part) throws Exception {
    Path f = file(yaml);
    SaException e = assertThrows(SaException.class, () -> SlurmSettings.read(f));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }
}
