package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.SaCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny {@code sa run} through the real plugin jars: every variant, metrics, report, export. */
class EndToEndTest {
  @TempDir
  Path dir;

  static int sa(List<String> args, StringWriter out, StringWriter err) {
    return SaCli.run(new PrintWriter(out), new PrintWriter(err), args.toArray(new String[0]));
  }

  @Test
  void tinyRunWritesMetricsForEveryVariantAndAReport() throws Exception {
    Path run = dir.resolve("run");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = sa(TinyRun.args(run, "variants=[{name: HGs, set: {sa.epochs: 0}}, {name: HGs (long), set: {}},"
        + " {name: HGs+SA, set: {sa.enabled: true}}, {name: HGs+SA w/o update, set: {sa.enabled: true,"
        + " sa.updateObservation: false}}, {name: oracle, set: {sa.labels: truth}},"
        + " {name: HGs+SA+PCA, set: {sa.enabled: true, refiner.plugin: pca}},"
        + " {name: HGs+SA+PCA aug, set: {sa.enabled: true, refiner.plugin: pca, refiner.augmentedPasses: 2}}]"),
        out, err);
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("fitting refiner 'pca' on 22 training faces plus 2 augmented pass(es)");
    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("variant,subset,target,metric,value,faces");
    for (String v : List.of("mean-shape", "HGs", "HGs (long)", "HGs+SA", "HGs+SA w/o update", "oracle")) {
      assertThat(metrics).anyMatch(l -> l.startsWith(v + ",full,truth,nme,"));
      assertThat(metrics).anyMatch(l -> l.startsWith(v + ",common,annotation,auc@0.08,"));
    }
    assertThat(metrics).anyMatch(l -> l.startsWith("HGs+SA,train,truth,label_error_searched_weak,"));
    assertThat(Files.readString(run.resolve("history.csv"))).contains("HGs+SA,sa,2,label_move,")
        .contains("HGs+SA,sa,2,val_nme_median,", "HGs+SA,baseline,1,val_failures,");
    // evaluate.perEpoch: continuation (the default): the test curve after the baseline only (Fig. 7)
    assertThat(Files.readString(run.resolve("history.csv"))).contains("HGs+SA,sa,1,test_nme_full,",
        "oracle,continue,2,test_nme_truth_full,").doesNotContain(",baseline,1,test_nme");
    assertThat(run.resolve("resolved-config.yaml")).exists();
    assertThat(Files.readString(run.resolve("resolved-config.yaml"))).contains("trainSize: 24", "channels: 16");
    assertThat(run.resolve("report/report.html")).exists();
    assertThat(run.resolve("report/report.md")).exists();
    try (var s = Files.list(run.resolve("report/charts"))) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith("ced"))).isNotEmpty();
    }
    assertThat(out.toString()).contains("| HGs+SA");
    // the refiner variant reuses HGs+SA's continuation instead of training it again
    assertThat(run.resolve("variants/hgs-sa-pca/ckpt")).doesNotExist();
    assertThat(run.resolve("variants/hgs-sa/ckpt/latest")).exists();
    assertThat(metrics).anyMatch(l -> l.startsWith("HGs+SA+PCA,challenge,annotation,ms_per_face,"));
    assertThat(metrics).anyMatch(l -> l.startsWith("HGs+SA+PCA aug,full,truth,nme,"));
    assertThat(Files.readString(run.resolve("history.csv"))).contains("HGs+SA+PCA,sa,2,label_move,");
    // one baseline shared by all variants
    try (var s = Files.list(run)) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith("baseline-"))).hasSize(1);
    }

    StringWriter aout = new StringWriter();
    int acode = SaCli.run(new PrintWriter(aout), new PrintWriter(new StringWriter()), "--plugins",
        TinyRun.plugins().toString(), "align", run.toString(), "--variant", "hgs-sa");
    assertThat(acode).isZero();
    Path labels = run.resolve("aligned/hgs-sa/labels.csv");
    assertThat(Files.readAllLines(labels)).hasSize(1 + 22 * 68);
    try (var s = Files.walk(run.resolve("aligned/hgs-sa/native"))) {
      assertThat(s.filter(p -> p.toString().endsWith(".pts")).count()).isEqualTo(22);
    }

    // Table 7's "Reg (SA)": a regression backbone trained on the exported searched labels
    Path reg = dir.resolve("reg");
    StringWriter regErr = new StringWriter();
    int regCode = sa(TinyRun.args(reg, "variants=[]", "sa.epochs=0", "train.epochs=1", "backbone.plugin=resnet",
        "backbone.options={depth: 18}", "dataset.labels=" + labels), new StringWriter(), regErr);
    assertThat(regCode).as(regErr.toString()).isZero();
    assertThat(regErr.toString()).contains("training labels from")
        // the SA run's validation faces were not searched: they keep their human labels, so the
        // split (and so the training faces) is the same as the run that searched the labels
        .contains("keep their human annotation", "22 training faces");
    assertThat(Files.readString(reg.resolve("metrics.csv"))).contains("Reg,full,truth,nme,");

    StringWriter rout = new StringWriter();
    assertThat(SaCli.run(new PrintWriter(rout), new PrintWriter(new StringWriter()), "report", run.toString(),
        "--out", dir.resolve("rep").toString())).isZero();
    assertThat(dir.resolve("rep/report.html")).exists();
  }

  @Test
  void pluginsListsTheBundledOnes() {
    StringWriter out = new StringWriter();
    int code = SaCli.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--plugins",
        TinyRun.plugins().toString(), "plugins");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("synthetic", "hourglass", "ghcu", "pca");
  }

  @Test
  void unknownBackboneIdExitsTwoWithSuggestion() {
    StringWriter err = new StringWriter();
    int code = sa(TinyRun.args(dir.resolve("x"), "backbone.plugin=hourglas"), new StringWriter(), err);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown backbone plugin 'hourglas' (did you mean 'hourglass'?)");
  }

  @Test
  void badPluginOptionExitsTwoNamingThePath() {
    StringWriter err = new StringWriter();
    int code = sa(TinyRun.args(dir.resolve("x"), "dataset.options.trainSiz=3"), new StringWriter(), err);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("dataset.options.trainSiz: unknown key (did you mean 'trainSize'?)");
  }
}
