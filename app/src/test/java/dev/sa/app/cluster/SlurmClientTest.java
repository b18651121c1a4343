package dev.sa.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler client against a real Slurm (CI starts a one-node cluster with
 * {@code tools/slurm-local.sh} and exports {@code SLURM_CONF}). Without one the test is skipped
 * with the reason, never passed.
 */
class SlurmClientTest {
  @TempDir
  Path dir;

  static void assumeCluster() throws Exception {
    Assumptions.assumeTrue(Slurm.onPath("sbatch"), "Slurm not available: no sbatch on the PATH (CI starts one with tools/slurm-local.sh)");
    Process p = new ProcessBuilder("sinfo", "-h", "-o", "%t").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    Assumptions.assumeTrue(p.waitFor() == 0 && out.matches("(?s).*(idle|mix|alloc).*"),
        "Slurm not available: sinfo says '" + out + "' (start one with tools/slurm-local.sh start DIR; source DIR/env)");
  }

  @Test
  void submitsWithADependencyAndReadsStates() throws Exception {
    assumeCluster();
    Slurm slurm = new Slurm();
    Path a = dir.resolve("a.sh");
    Path b = dir.resolve("b.sh");
    Files.writeString(a, "#!/bin/bash\n#SBATCH --output=" + dir.resolve("a.out") + "\necho a > " + dir.resolve("a.txt") + "\n");
    Files.writeString(b, "#!/bin/bash\n#SBATCH --output=" + dir.resolve("b.out") + "\ncat " + dir.resolve("a.txt") + " > "
        + dir.resolve("b.txt") + "\n");
    String ida = slurm.submit(a, List.of());
    String idb = slurm.submit(b, List.of(ida));
    long end = System.currentTimeMillis() + 120_000;
    Map<String, Slurm.JobState> s = slurm.states(List.of(ida, idb));
    while (System.currentTimeMillis() < end && !"COMPLETED".equals(s.get(idb) == null ? null : s.get(idb).state())) {
      Thread.sleep(500);
      s = slurm.states(List.of(ida, idb));
    }
    assertEquals("COMPLETED", s.get(idb).state(), s.toString());
    assertEquals("a", Files.readString(dir.resolve("b.txt")).trim());
  }

  @Test
  void aRejectedSubmissionCarriesTheSchedulersMessage() throws Exception {
    assumeCluster();
    Path a = dir.resolve("bad.sh");
    Files.writeString(a, "#!/bin/bash\n#SBATCH --partition=no-such-partition\ntrue\n");
    SaException e = assertThrows(SaException.class, () -> new Slurm().submit(a, List.of()));
    assertEquals(1, e.exitCode());
    assertTrue(e.getMessage().contains("partition"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void cancelledJobsReadAsNotAlive() throws Exception {
    assumeCluster();
    Slurm slurm = new Slurm();
    Path a = dir.resolve("long.sh");
    Files.writeString(a, "#!/bin/bash\n#SBATCH --output=/dev/null\nsleep 300\n");
    String id = slurm.submit(a, List.of());
    slurm.cancel(List.of(id));
    long end = System.currentTimeMillis() + 60_000;
    Slurm.JobState st = slurm.states(List.of(id)).get(id);
    while (System.currentTimeMillis() < end && st != null && st.alive()) {
      Thread.sleep(300);
      st = slurm.states(List.of(id)).get(id);
    }
    assertTrue(st == null || !st.alive(), String.valueOf(st));
  }
}
