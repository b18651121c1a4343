package dev.sa.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.SaException;
import dev.sa.app.run.ExperimentPlan;
import dev.sa.app.run.Progress;
import dev.sa.app.train.EngineThreads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local pool: threads per part from the plan, dependency order, at most N processes, failures. */
class LocalPoolTest {
  @TempDir
  Path dir;

  /** The jobs of a one-seed run with one baseline and {@code variants} variant parts after it. */
  private static List<Job> oneSeed(Path run, int variants) {
    List<ExperimentPlan.Part> parts = new ArrayList<>();
    parts.add(new ExperimentPlan.Part("baseline-k1", null));
    for (int i = 0; i < variants; i++) {
      parts.add(new ExperimentPlan.Part("variant-v" + i, "baseline-k1"));
    }
    return ClusterRun.jobs(run, List.of(), s -> parts, List.of());
  }

  @Test
  void threadsFollowTheLevelsNotTheTiming() {
    List<Job> parts = LocalPool.partsOf(oneSeed(Path.of("/r"), 4));
    // the baseline alone gets both cores; the four variants share them, one thread each
    assertThat(LocalPool.threads(parts, 2, 2, LocalPool.NO_LIMIT)).containsExactly(Map.entry("baseline-k1", 2),
        Map.entry("variant-v0", 1), Map.entry("variant-v1", 1), Map.entry("variant-v2", 1),
        Map.entry("variant-v3", 1));
    // 16 threads, at most 4 processes: 4 threads per variant
    assertThat(LocalPool.threads(parts, 16, 4, LocalPool.NO_LIMIT)).containsEntry("baseline-k1", 16)
        .containsEntry("variant-v0", 4);
    // three seeds: three baselines share the cores
    List<Job> seeds = LocalPool.partsOf(ClusterRun.jobs(Path.of("/r"), List.of(1L, 2L, 3L),
        s -> List.of(new ExperimentPlan.Part("baseline-k1", null)), List.of()));
    assertThat(LocalPool.threads(seeds, 2, 2, LocalPool.NO_LIMIT).values()).containsExactly(1, 1, 1);
    // parts that train small batches (EngineThreads) hold one core each, the baseline too, where
    // the run's threads are every core; a count the user gave is taken as given
    assertThat(LocalPool.perPart(new EngineThreads.Applied(2, EngineThreads.CORES), true)).isEqualTo(1);
    assertThat(LocalPool.perPart(new EngineThreads.Applied(2, EngineThreads.CORES), false)).isEqualTo(LocalPool.NO_LIMIT);
    assertThat(LocalPool.perPart(new EngineThreads.Applied(2, "config"), true)).isEqualTo(LocalPool.NO_LIMIT);
    assertThat(LocalPool.perPart(new EngineThreads.Applied(2, "OMP_NUM_THREADS"), true)).isEqualTo(LocalPool.NO_LIMIT);
    assertThat(LocalPool.threads(parts, 2, 2, 1).values()).containsOnly(1);
    assertThat(LocalPool.threads(parts, 16, 4, 1).values()).containsOnly(1);
    assertThat(LocalPool.worthIt(oneSeed(Path.of("/r"), 1), 2)).isFalse();   // nothing to run at once
    assertThat(LocalPool.worthIt(oneSeed(Path.of("/r"), 2), 1)).isFalse();   // one process allowed
    assertThat(LocalPool.worthIt(oneSeed(Path.of("/r"), 2), 2)).isTrue();
    assertThat(LocalPool.maxJobs(0, 2)).isEqualTo(2);
    assertThat(LocalPool.maxJobs(8, 2)).isEqualTo(2);
    assertThat(LocalPool.maxJobs(1, 16)).isEqualTo(1);
  }

  /** A stand-in for sa: records when the part ran and with how many threads, then marks it done. */
  private List<String> fakeSa(int exitOf) {
    String script = """
        part="$5"; d="$3/parts"; mkdir -p "$d"
        echo "start $part $(date +%%s%%N) $SA_PART_THREADS" >> "$3/trace"
        echo "working on $part"
        sleep 0.4
        echo "end $part $(date +%%s%%N)" >> "$3/trace"
        if [ "$part" = "variant-v%d" ]; then exit 3; fi
        echo ok > "$d/$part.done"
        """.formatted(exitOf);
    return List.of("bash", "-c", script, "sa");
  }

  @Test
  void partsRunAfterTheirBaselineAtMostNAtOnce() throws Exception {
    StringWriter err = new StringWriter();
    Progress progress = new Progress(new PrintWriter(err), false);
    boolean ran = LocalPool.run(oneSeed(dir, 4), dir, 2, 2, LocalPool.NO_LIMIT, j -> ClusterRun.done(dir, j), fakeSa(-1),
        progress);
    assertThat(ran).isTrue();
    List<String> trace = Files.readAllLines(dir.resolve("trace"));
    long baselineEnd = 0;
    int open = 0;
    int most = 0;
    List<String[]> events = new ArrayList<>();
    for (String l : trace) {
      events.add(l.split(" "));
    }
    events.sort((a, b) -> Long.compare(Long.parseLong(a[2]), Long.parseLong(b[2])));
    for (String[] e : events) {
      if (e[0].equals("end") && e[1].equals("baseline-k1")) {
        baselineEnd = Long.parseLong(e[2]);
      }
      if (e[0].equals("start") && e[1].startsWith("variant")) {
        assertThat(Long.parseLong(e[2])).as("variant starts after the baseline ended").isGreaterThan(baselineEnd);
        assertThat(baselineEnd).isPositive();
        assertThat(e[3]).as("one thread per variant").isEqualTo("1");
      }
      open += e[0].equals("start") ? 1 : -1;
      most = Math.max(most, open);
    }
    assertThat(most).isEqualTo(2);
    assertThat(trace).filteredOn(l -> l.startsWith("start baseline-k1 ")).singleElement().asString().endsWith(" 2");
    assertThat(err.toString()).contains("[variant-v3] working on variant-v3", "part variant-v2 done in");
    assertThat(dir.resolve("parts/variant-v1.log")).content().contains("working on variant-v1");
    assertThat(Files.readAllLines(LocalPool.record(dir))).hasSize(6).first().isEqualTo("part,threads,seconds,exit");
    // everything done: a second call starts nothing
    Files.delete(dir.resolve("trace"));
    assertThat(LocalPool.run(oneSeed(dir, 4), dir, 2, 2, LocalPool.NO_LIMIT, j -> ClusterRun.done(dir, j), fakeSa(-1),
        progress)).isTrue();
    assertThat(dir.resolve("trace")).doesNotExist();
  }

  @Test
  void aFailedPartStopsNewStartsAndNamesItsLog() throws Exception {
    Progress progress = new Progress(new PrintWriter(new StringWriter()), false);
    assertThatThrownBy(() -> LocalPool.run(oneSeed(dir, 4), dir, 2, 2, LocalPool.NO_LIMIT, j -> ClusterRun.done(dir, j),
        fakeSa(0),
        progress))
        .isInstanceOf(SaException.class)
        .hasMessageContaining("part variant-v0 failed (exit 3)")
        .hasMessageContaining(dir.resolve("parts/variant-v0.log").toString())
        .hasMessageContaining("'sa run --resume " + dir + "' continues the run");
    // at most one part was running beside the failed one when it failed; the rest never started
    long started = Files.readAllLines(dir.resolve("trace")).stream().filter(l -> l.startsWith("start variant")).count();
    assertThat(started).isLessThanOrEqualTo(2);
    assertThat(Files.readString(LocalPool.record(dir))).contains("variant-v0,1,");
  }
}
