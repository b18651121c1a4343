package dev.sa.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import dev.sa.app.run.ExperimentPlan;
import dev.sa.app.run.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job graph of a cluster run: one job per baseline, per variant part and per merge. */
class ClusterRunTest {
  @TempDir
  Path dir;

  private static final List<ExperimentPlan.Part> PARTS = List.of(new ExperimentPlan.Part("baseline-k1", null),
      new ExperimentPlan.Part("variant-hgs", "baseline-k1"), new ExperimentPlan.Part("variant-hgs-sa", "baseline-k1"));

  @Test
  void oneSeedRunIsBaselineThenVariantsThenMerge() {
    List<Job> jobs = ClusterRun.jobs(Path.of("/r"), List.of(), s -> PARTS, List.of("--plugins", "P"));
    assertThat(jobs).extracting(Job::name).containsExactly("baseline-k1", "variant-hgs", "variant-hgs-sa", "run");
    assertThat(jobs.get(1).after()).containsExactly("baseline-k1");
    assertThat(jobs.get(2).saArgs()).containsExactly("--plugins", "P", "run", "--resume", "/r", "--part", "variant-hgs-sa");
    assertThat(jobs.get(3).after()).containsExactly("baseline-k1", "variant-hgs", "variant-hgs-sa");
    assertThat(jobs.get(3).saArgs()).doesNotContain("--part");
  }

  @Test
  void seedsHaveTheirOwnPartsAndOneReport() {
    List<Job> jobs = ClusterRun.jobs(Path.of("/r"), List.of(3L, 4L), s -> PARTS, List.of());
    assertThat(jobs).extracting(Job::name).containsExactly("seed-3.baseline-k1", "seed-3.variant-hgs",
        "seed-3.variant-hgs-sa", "seed-3", "seed-4.baseline-k1", "seed-4.variant-hgs", "seed-4.variant-hgs-sa", "seed-4",
        "report");
    assertThat(jobs.get(1).after()).containsExactly("seed-3.baseline-k1");
    assertThat(jobs.get(1).saArgs()).containsSubsequence("--resume", "/r/seed-3", "--part", "variant-hgs");
    assertThat(jobs.get(8).after()).containsExactly("seed-3", "seed-4");
  }

  @Test
  void doneReadsThePartMarks() throws Exception {
    Job part = new Job("seed-3.variant-hgs", List.of(), List.of());
    assertThat(ClusterRun.done(dir, part)).isFalse();
    Files.createDirectories(dir.resolve("seed-3/parts"));
    Files.writeString(dir.resolve("seed-3/parts/variant-hgs.done"), "ok\n");
    assertThat(ClusterRun.done(dir, part)).isTrue();
    assertThat(ClusterRun.done(dir, new Job("seed-3", List.of(), List.of()))).isFalse();
  }

  @Test
  void partsRunAloneThenMergeGiveTheLocalRunsMetrics() throws Exception {
    String[] extra = {"variants=[{name: HGs, set: {sa.epochs: 0}}, {name: HGs+SA, set: {sa.enabled: true}}]",
        "evaluate.perEpoch=false"};
    Path whole = dir.resolve("whole");
    assertThat(Cli.run(TinyRun.args(whole, extra).toArray(new String[0])).code()).isZero();
    Path parts = dir.resolve("parts");
    // the folder as a cluster run makes it: config only, then each part, then the merge
    Files.createDirectories(parts);
    Files.copy(whole.resolve("resolved-config.yaml"), parts.resolve("resolved-config.yaml"));
    Files.copy(whole.resolve("fingerprint.yaml"), parts.resolve("fingerprint.yaml"));
    String p = TinyRun.plugins().toString();
    Cli bad = Cli.run("--plugins", p, "run", "--resume", parts.toString(), "--part", "variant-nope");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--part variant-nope: not a part of this run; its parts: baseline-");
    String baseline = bad.err().replaceAll("(?s).*its parts: (baseline-[0-9a-f]+).*", "$1");
    for (String part : List.of(baseline, "variant-hgs-sa", "variant-hgs")) {
      Cli c = Cli.run("--plugins", p, "run", "--resume", parts.toString(), "--part", part);
      assertThat(c.code()).as(c.err()).isZero();
      assertThat(parts.resolve("parts/" + part + ".done")).exists();
    }
    assertThat(parts.resolve("metrics.csv")).doesNotExist();
    Cli merge = Cli.run("--plugins", p, "run", "--resume", parts.toString());
    assertThat(merge.code()).as(merge.err()).isZero();
    assertThat(merge.err()).contains("already finished");
    assertThat(Files.readString(parts.resolve("metrics.csv"))).isEqualTo(Files.readString(whole.resolve("metrics.csv")));
  }
}
