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

  /**
   * A stand-in for sa's worker process ({@link PartWorker}): for each part it is given, records when
   * the part ran, with how many threads and in which process, then marks it done and answers with
   * its exit code; part {@code variant-v<failing>} exits 3, part {@code variant-v<dying>} kills its
   * process.
   */
  private List<String> fakeSa(int failing, int dying) {
    String script = """
        [ "$1" = "%s" ] || exit 9
        while IFS=$'\\t' read -r -a a; do
          part="${a[4]}"; run="${a[2]}"; d="$run/parts"; mkdir -p "$d"
          echo "start $part $(date +%%s%%N) $SA_PART_THREADS $$" >> "$run/trace"
          echo "working on $part"
          sleep 0.4
          echo "end $part $(date +%%s%%N)" >> "$run/trace"
          if [ "$part" = "variant-v%d" ]; then kill -9 $$; fi
          if [ "$part" = "variant-v%d" ]; then printf '\\001sa-part-done 3\\n'; continue; fi
          echo ok > "$d/$part.done"
          printf '\\001sa-part-done 0\\n'
        done
        """.formatted(PartWorker.FLAG, dying, failing);
    return List.of("bash", "-c", script, "sa");
  }

  private List<String> fakeSa(int failing) {
    return fakeSa(failing, -1);
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
    assertThat(trace).filteredOn(l -> l.startsWith("start baseline-k1 ")).singleElement().asString().contains(" 2 ");
    // the baseline's two-thread process ends; two one-thread processes take the four variants
    assertThat(pids(trace, "variant")).hasSize(2).doesNotContainAnyElementsOf(pids(trace, "baseline"));
    assertThat(err.toString()).contains("a process that ran 1 part(s) before");
    assertThat(err.toString()).contains("[variant-v3] working on variant-v3", "part variant-v2 done in");
    assertThat(dir.resolve("parts/variant-v1.log")).content().contains("working on variant-v1");
    assertThat(Files.readAllLines(LocalPool.record(dir))).hasSize(6).first().isEqualTo("part,threads,seconds,exit");
    // everything done: a second call starts nothing
    Files.delete(dir.resolve("trace"));
    assertThat(LocalPool.run(oneSeed(dir, 4), dir, 2, 2, LocalPool.NO_LIMIT, j -> ClusterRun.done(dir, j), fakeSa(-1),
        progress)).isTrue();
    assertThat(dir.resolve("trace")).doesNotExist();
  }

  /** The processes (pids) that ran the parts whose names start with {@code prefix}. */
  private static java.util.Set<String> pids(List<String> trace, String prefix) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String l : trace) {
      String[] f = l.split(" ");
      if (f[0].equals("start") && f[1].startsWith(prefix)) {
        out.add(f[4]);
      }
    }
    return out;
  }

  @Test
  void partsWithTheSameThreadsReuseWarmProcesses() throws Exception {
    Progress progress = new Progress(new PrintWriter(new StringWriter()), false);
    // one thread per part (the small-step rule): the baseline's process goes on with a variant
    assertThat(LocalPool.run(oneSeed(dir, 4), dir, 2, 2, 1, j -> ClusterRun.done(dir, j), fakeSa(-1), progress))
        .isTrue();
    List<String> trace = Files.readAllLines(dir.resolve("trace"));
    assertThat(trace).filteredOn(l -> l.startsWith("start")).hasSize(5).allMatch(l -> l.split(" ")[3].equals("1"));
    java.util.Set<String> all = pids(trace, "");
    assertThat(all).hasSize(2).containsAll(pids(trace, "baseline"));
    for (int v = 0; v < 4; v++) {
      assertThat(ClusterRun.done(dir, oneSeed(dir, 4).get(1 + v))).isTrue();
    }
    assertThat(Files.readAllLines(LocalPool.record(dir))).hasSize(6).allMatch(l -> l.startsWith("part,")
        || l.matches("[a-z0-9-]+,1,[0-9.]+,0"));
  }

  @Test
  void aProcessThatDiesFailsItsPart() throws Exception {
    Progress progress = new Progress(new PrintWriter(new StringWriter()), false);
    assertThatThrownBy(() -> LocalPool.run(oneSeed(dir, 4), dir, 2, 2, 1, j -> ClusterRun.done(dir, j),
        fakeSa(-1, 1), progress))
        .isInstanceOf(SaException.class)
        .hasMessageContaining("part variant-v1 failed (exit 137)")
        .hasMessageContaining(dir.resolve("parts/variant-v1.log").toString());
    assertThat(dir.resolve("parts/variant-v1.log")).content().contains("working on variant-v1");
    assertThat(Files.readString(LocalPool.record(dir))).contains("variant-v1,1,").contains(",137\n");
    assertThat(dir.resolve("parts/variant-v1.done")).doesNotExist();
  }

  @Test
  void aProcessThatEndsWhileIdleNeverHangsThePool() {
    // a worker that answers one part, then exits: the next part either finds it gone (a new
    // process takes the part) or is handed to it as it exits (the part fails); never a hang
    String script = """
        IFS=$'\\t' read -r -a a; run="${a[2]}"; mkdir -p "$run/parts"; echo ok > "$run/parts/${a[4]}.done"
        printf '\\001sa-part-done 0\\n'
        """;
    Progress progress = new Progress(new PrintWriter(new StringWriter()), false);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
      try {
        LocalPool.run(oneSeed(dir, 3), dir, 2, 2, 1, j -> ClusterRun.done(dir, j), List.of("bash", "-c", script, "sa"),
            progress);
      } catch (SaException e) {
        assertThat(e.getMessage()).contains("failed (exit 1)", "continues the run");
      }
    });
  }

  @Test
  void theWorkerProtocolKeepsArguments() {
    List<String> args = List.of("--plugins", "/a b/plugins", "run", "--resume", "/r/x y", "--part", "variant-hgs-sa");
    assertThat(PartWorker.decode(PartWorker.encode(args))).containsExactlyElementsOf(args);
    assertThatThrownBy(() -> PartWorker.encode(List.of("run", "a\tb"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tab or a line break");
    assertThat(PartWorker.exitOf(PartWorker.DONE + "2")).isEqualTo(2);
    assertThat(PartWorker.exitOf("sa-part-done 2")).isNull();
    assertThat(PartWorker.exitOf("epoch 3/14: loss 1.2e-2")).isNull();
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
