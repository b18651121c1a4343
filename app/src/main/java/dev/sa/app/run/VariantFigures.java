package dev.sa.app.run;

import dev.sa.api.Backbone;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.Refiner;
import dev.sa.app.data.BatchSource;
import dev.sa.app.eval.Inference;
import dev.sa.app.figures.Heatmap;
import dev.sa.app.figures.LabelTrail;
import dev.sa.app.figures.RunFigures;
import dev.sa.app.method.Labels;
import dev.sa.app.train.LandmarkNet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Predicts what a variant's figures show and hands it to {@link RunFigures}: the example faces
 * with their predictions, the heatmaps of a strong and a weak point, the label trail, the refiner's
 * corrections. A figure that fails (drawing or predicting) is skipped with one line; figures
 * never fail a run.
 */
public final class VariantFigures {
  private final RunContext ctx;
  private final LandmarkNet net;
  private final Refiner refiner;
  private final String variant;
  private final Evaluation evaluation;
  private final int batchSize;

  private VariantFigures(RunContext ctx, LandmarkNet net, Refiner refiner, String variant) {
    this.ctx = ctx;
    this.net = net;
    this.refiner = refiner;
    this.variant = variant;
    this.evaluation = new Evaluation(ctx);
    this.batchSize = ctx.config().evaluate().batchSize();
  }

  /**
   * Draws every figure that applies to this variant.
   *
   * @param labels the variant's final training labels (human, o, y^)
   * @param trail the labels of a few faces per SA epoch (see {@link LabelTrail}), or null
   * @param refiner the fitted refiner, or null; it must still be open
   * @param figuresDir usually {@code RUN_DIR/figures}
   * @param log receives one line per skipped figure
   * @return the files written
   */
  public static List<Path> write(RunContext ctx, LandmarkNet net, Labels labels, LabelTrail trail, Refiner refiner,
      String variant, Path figuresDir, Consumer<String> log) {
    VariantFigures v = new VariantFigures(ctx, net, refiner, variant);
    RunFigures f = new RunFigures(variant, ctx.scheme(), ctx.normalization(), ctx.config().input().size(),
        ctx.config().input().boxScale(), figuresDir);
    List<Path> out = new ArrayList<>();
    v.attempt("example faces", out, log, () -> f.faces(v.faceSections(labels, trail), refiner != null));
    boolean heatmaps = net.output() == Backbone.Output.HEATMAPS;
    if (heatmaps && RunFigures.strongAndWeak(ctx.scheme()).isPresent()) {
      v.attempt("heatmaps", out, log, () -> v.heatmaps(f));
    }
    if (trail != null && trail.epochs().size() >= 2) {
      v.attempt("label trail", out, log, () -> f.trail(labels, trail));
    }
    if (refiner != null && heatmaps) {
      v.attempt("refiner corrections", out, log, () -> v.corrections(f));
    }
    return out;
  }

  private interface Figure {
    Path draw() throws IOException;
  }

  private void attempt(String name, List<Path> out, Consumer<String> log, Figure figure) {
    try {
      out.add(figure.draw());
    } catch (IOException | RuntimeException e) {
      log.accept("figures: " + variant + ": '" + name + "' skipped: " + e.getMessage());
    }
  }

  private List<Landmarks> predict(List<FaceSample> samples, Refiner r) {
    return evaluation.predict(net, samples, r, batchSize).inImage();
  }

  /** A few training faces (those the trail traces, if any) with y^ where it says something, then each test subset's. */
  private List<RunFigures.Section> faceSections(Labels labels, LabelTrail trail) {
    List<Integer> train = trail != null ? trail.indices() : LabelTrail.choose(labels.size(), RunFigures.FACES);
    List<FaceSample> trainSamples = new ArrayList<>();
    boolean searched = false;
    for (int i : train) {
      trainSamples.add(labels.sample(i));
      searched |= RunFigures.searchedDiffers(labels, i);
    }
    List<Landmarks> trainPred = predict(trainSamples, refiner);
    List<RunFigures.Panel> panels = new ArrayList<>();
    for (int j = 0; j < train.size(); j++) {
      int i = train.get(j);
      panels.add(new RunFigures.Panel(labels.sample(i), trainPred.get(j), searched ? labels.searched(i) : null));
    }
    List<RunFigures.Section> sections = new ArrayList<>();
    sections.add(new RunFigures.Section("training faces (" + labels.size() + ")", panels));
    for (Map.Entry<String, List<FaceSample>> e : RunFigures.testSubsets(ctx.tests()).entrySet()) {
      List<FaceSample> samples = RunFigures.pick(e.getValue(), RunFigures.FACES);
      List<Landmarks> pred = predict(samples, refiner);
      List<RunFigures.Panel> p = new ArrayList<>();
      for (int j = 0; j < samples.size(); j++) {
        p.add(new RunFigures.Panel(samples.get(j), pred.get(j), null));
      }
      sections.add(new RunFigures.Section("test subset " + e.getKey() + " (" + e.getValue().size() + ")", p));
    }
    return sections;
  }

  private Path heatmaps(RunFigures f) throws IOException {
    int[] sw = RunFigures.strongAndWeak(ctx.scheme()).orElseThrow();
    Map.Entry<String, List<FaceSample>> subset = RunFigures.testSubsets(ctx.tests()).entrySet().iterator().next();
    List<FaceSample> samples = RunFigures.pick(subset.getValue(), RunFigures.FACES);
    int n = ctx.scheme().count();
    int h = ctx.frames().heatmapSize();
    RunFigures.HeatmapExample[] examples = new RunFigures.HeatmapExample[samples.size()];
    List<BatchSource.Item> items = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      items.add(new BatchSource.Item(i, samples.get(i), null));
    }
    Inference.run(net, ctx.batches(), items, batchSize, (batch, step, output) -> {
      float[] v = output.toFloatArray();
      for (int i = 0; i < batch.size(); i++) {
        int index = batch.items().get(i).index();
        examples[index] = new RunFigures.HeatmapExample(samples.get(index), Heatmap.of(v, (i * n + sw[0]) * h * h, h),
            Heatmap.of(v, (i * n + sw[1]) * h * h, h));
      }
    });
    // A face skipped for a bad image (dataset.skipBadSamples) has no heatmaps to draw.
    return f.heatmaps(subset.getKey(), sw, java.util.Arrays.stream(examples).filter(java.util.Objects::nonNull)
        .toList(), h);
  }

  private Path corrections(RunFigures f) throws IOException {
    Map<String, List<FaceSample>> tests = RunFigures.testSubsets(ctx.tests());
    String subset = RunFigures.refinerSubset(tests.keySet());
    List<FaceSample> pool = RunFigures.pick(tests.get(subset), RunFigures.REFINER_POOL);
    return f.refiner(subset, pool, predict(pool, null), predict(pool, refiner));
  }
}
