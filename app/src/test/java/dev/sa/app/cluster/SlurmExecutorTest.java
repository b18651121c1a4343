package dev.sa.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sa.api.SaException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor's order, skipping and all-or-nothing submission, against a scheduler stand-in. */
class SlurmExecutorTest {
  @TempDir
  Path run;

  /** Records submissions; rejects the submission with the given index (1-based), if any. */
  static final class FakeSlurm extends Slurm {
    final List<String> submitted = new ArrayList<>();
    final List<List<String>> deps = new ArrayList<>();
    final List<String> cancelled = new ArrayList<>();
    final Map<String, JobState> known = new LinkedHashMap<>();
    int rejectAt = -1;

    @Override
    public String submit(Path script, List<String> afterOk) {
      if (submitted.size() + 1 == rejectAt) {
        throw SaException.runtime("sbatch " + script.getFileName() + ": error: invalid partition specified: gpux", null);
      }
      String id = Integer.toString(100 + submitted.size());
      submitted.add(script.getFileName().toString());
      deps.add(afterOk);
      return id;
    }

    @Override
    public void cancel(List<String> ids) {
      cancelled.addAll(ids);
    }

    @Override
    public Map<String, JobState> states(List<String> ids) {
      Map<String, JobState> m = new LinkedHashMap<>();
      for (String id : ids) {
        if (known.containsKey(id)) {
          m.put(id, known.get(id));
        }
      }
      return m;
    }
  }

  static List<Job> plan() {
    return List.of(
        new Job("baseline-s42", List.of("run", "--resume", "R", "--only", "baseline-s42"), List.of()),
        new Job("v1-s42", List.of("x"), List.of("baseline-s42")),
        new Job("v2-s42", List.of("x"), List.of("baseline-s42")),
        new Job("report", List.of("x"), List.of("v1-s42", "v2-s42")));
  }

  private SlurmExecutor executor(FakeSlurm s) {
    return new SlurmExecutor(s, new JobScripts(SlurmSettings.none(), List.of("sa")));
  }

  @Test
  void submitsInOrderWithDependenciesAndRecordsThem() throws Exception {
    FakeSlurm s = new FakeSlurm();
    StringWriter out = new StringWriter();
    Map<String, String> ids = executor(s).submit(plan(), run, "t", j -> false, false, new PrintWriter(out, true));
    assertEquals(List.of("baseline-s42.sh", "v1-s42.sh", "v2-s42.sh", "report.sh"), s.submitted);
    assertEquals(List.of(List.of(), List.of("100"), List.of("100"), List.of("101", "102")), s.deps);
    assertEquals(Map.of("baseline-s42", "100", "v1-s42", "101", "v2-s42", "102", "report", "103"), ids);
    assertEquals(ids, SlurmExecutor.readRecord(run.resolve(SlurmExecutor.DIR)));
    assertTrue(Files.readString(run.resolve("slurm/v1-s42.sh")).contains("#SBATCH --job-name=sa-t-v1-s42"));
  }

  @Test
  void aRejectedSubmissionCancelsWhatThisCallQueuedAndRecordsNothing() {
    FakeSlurm s = new FakeSlurm();
    s.rejectAt = 3;
    StringWriter out = new StringWriter();
    SaException e = assertThrows(SaException.class,
        () -> executor(s).submit(plan(), run, "t", j -> false, false, new PrintWriter(out, true)));
    assertTrue(e.getMessage().contains("invalid partition"), e.getMessage());
    assertEquals(1, e.exitCode());
    assertEquals(List.of("100", "101"), s.cancelled);
    assertFalse(Files.exists(run.resolve("slurm/jobs.csv")));
  }

  @Test
  void resumeSubmitsOnlyWhatIsMissingAndWaitsForLiveJobs() throws Exception {
    FakeSlurm first = new FakeSlurm();
    executor(first).submit(plan(), run, "t", j -> false, false, new PrintWriter(new StringWriter(), true));
    // the baseline finished, v1 is still running, v2 failed, the report was cancelled by its dependency
    FakeSlurm again = new FakeSlurm();
    again.known.put("101", new Slurm.JobState("101", "RUNNING", "None"));
    again.known.put("102", new Slurm.JobState("102", "FAILED", "NonZeroExitCode"));
    again.known.put("103", new Slurm.JobState("103", "CANCELLED", "DependencyNeverSatisfied"));
    StringWriter out = new StringWriter();
    Map<String, String> ids = executor(again).submit(plan(), run, "t", j -> Set.of("baseline-s42").contains(j.name()),
        false, new PrintWriter(out, true));
    assertEquals(List.of("v2-s42.sh", "report.sh"), again.submitted);
    assertEquals(List.of(List.of(), List.of("101", "100")), again.deps);
    assertEquals(Map.of("v2-s42", "100", "report", "101"), ids);
    assertTrue(out.toString().contains("v1-s42 (job 101 running)"), out.toString());
    Map<String, String> record = SlurmExecutor.readRecord(run.resolve(SlurmExecutor.DIR));
    assertEquals("101", record.get("v1-s42"));
    assertEquals("100", record.get("v2-s42"));
  }

  @Test
  void dryRunPrintsScriptsAndGraphAndSubmitsNothing() throws Exception {
    FakeSlurm s = new FakeSlurm();
    StringWriter out = new StringWriter();
    executor(s).submit(plan(), run, "t", j -> false, true, new PrintWriter(out, true));
    assertTrue(s.submitted.isEmpty());
    assertFalse(Files.exists(run.resolve("slurm")));
    String text = out.toString();
    assertTrue(text.contains("# job <4> report, after <2>, <3>"), text);
    assertTrue(text.contains("exec sa x"), text);
  }

  @Test
  void aDependencyOnALaterJobIsAProgrammingError() {
    List<Job> bad = List.of(new Job("a", List.of(), List.of("b")), new Job("b", List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> SlurmExecutor.checkOrder(bad));
  }
}
