package dev.sa.app.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.CropTransform;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.eval.Inference;
import dev.sa.app.run.Phase;
import dev.sa.app.run.Setup;
import dev.sa.app.sa.Labels;
import dev.sa.app.sa.SemanticSearch;
import dev.sa.app.train.LandmarkNet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The parts that need the configured data set: data pipeline throughput, the Semantic Alignment
 * search against a training epoch and against the per-pixel loop, and memory over epochs.
 */
final class PipelineBench {
  private final Setup setup;
  private final SaConfig config;
  private final BenchTable table;
  private final Consumer<String> log;

  PipelineBench(Setup setup, BenchTable table, Consumer<String> log) {
    this.setup = setup;
    this.config = setup.config;
    this.table = table;
    this.log = log;
  }

  /** The first {@code faces} training faces (0 = all) as items with their human labels. */
  List<BatchSource.Item> items(int faces, boolean withTargets) {
    int n = faces == 0 ? setup.train.size() : Math.min(faces, setup.train.size());
    List<BatchSource.Item> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      FaceSample s = setup.train.get(i);
      out.add(new BatchSource.Item(i, s, withTargets ? s.landmarksInImage() : null));
    }
    return out;
  }

  BatchSource.Augment augment() {
    SaConfig.AugmentConfig a = config.augment();
    return new BatchSource.Augment(a.rotationStd(), a.scaleStd(), a.shiftStd(), a.flip());
  }

  /** Seconds of one training epoch over {@code items} (augmented, shuffled), as Phase trains. */
  double epoch(LandmarkNet net, List<BatchSource.Item> items, long seed) {
    double lr = config.train().schedule().lr();
    long t0 = System.nanoTime();
    Iterator<BatchSource.Batch> it = setup.source.pass(items, config.train().batchSize(), augment(), true, seed);
    while (it.hasNext()) {
      net.trainStep(it.next(), lr);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Faces per second of decoding, cropping, augmenting and rendering targets, with one worker
   * and with the configured {@code train.workers}, against the rate one training step consumes.
   */
  void data(int faces, double trainSecondsPerStep) {
    List<BatchSource.Item> items = items(faces, true);
    int batch = config.train().batchSize();
    int workers = config.train().workers();
    List<Integer> counts = workers == 1 ? List.of(1) : List.of(1, workers);
    String item = items.size() + " faces, " + config.input().size() + "px/" + config.input().heatmapSize();
    for (int w : counts) {
      try (BatchSource source = new BatchSource(w, config.input().size(), config.input().boxScale(), setup.codec,
          setup.scheme.flipPermutation())) {
        double perSecond = 0;
        // Twice, the faster pass counts: the first one also pays for class loading and JIT.
        for (int pass = 0; pass < 2; pass++) {
          long t0 = System.nanoTime();
          int seen = drain(source, items, batch);
          perSecond = Math.max(perSecond, seen / ((System.nanoTime() - t0) / 1e9));
        }
        double consumed = batch / trainSecondsPerStep;
        table.add("data", item, "", "faces_per_s_" + w + "_worker" + (w == 1 ? "" : "s"), perSecond, "faces/s",
            "faces/s one training step consumes", perSecond / consumed);
      }
    }
    log.accept("data pipeline: done");
  }

  private int drain(BatchSource source, List<BatchSource.Item> items, int batch) {
    int seen = 0;
    Iterator<BatchSource.Batch> it = source.pass(items, batch, augment(), true, 5);
    while (it.hasNext()) {
      seen += it.next().size();
    }
    return seen;
  }

  /**
   * One Semantic Alignment search pass over {@code faces} training faces: whole (inference, chi2
   * field, window search, as Phase runs it), the search alone on stored heatmaps, and the chi2
   * field on the engine against the per-pixel loop; beside one training epoch on the same faces.
   */
  void search(LandmarkNet net, int faces, boolean quick) {
    Phase phase = new Phase(setup, config, new dev.sa.app.run.Progress(new java.io.PrintWriter(
        java.io.Writer.nullWriter()), false), n -> Map.of());
    SemanticSearch search = phase.search();
    List<BatchSource.Item> items = items(faces, false);
    List<FaceSample> samples = new ArrayList<>();
    List<Landmarks> human = new ArrayList<>();
    for (BatchSource.Item i : items) {
      samples.add(i.sample());
      human.add(i.sample().landmarksInImage());
    }
    Labels labels = new Labels(samples, human);
    String item = items.size() + " faces, heatmap " + config.input().heatmapSize() + ", window "
        + search.params().window() + ", template " + search.params().template();
    double epoch = epoch(net, items(faces, true), 3);
    table.add("search", item, net.engineName(), "train_epoch_s", epoch, "s");
    long t0 = System.nanoTime();
    phase.searchAll(net, search, labels);
    double whole = (System.nanoTime() - t0) / 1e9;
    table.add("search", item, net.engineName(), "search_pass_s", whole, "s", "train_epoch_s", whole / epoch);

    List<float[]> maps = new ArrayList<>();
    List<double[]> observations = new ArrayList<>();
    HeatmapCodec codec = setup.codec;
    int n = setup.scheme.count();
    int[] perm = setup.scheme.flipPermutation();
    Inference.run(net, setup.source, items, config.evaluate().batchSize(), (batch, step, out) -> {
      maps.add(out.toFloatArray());
      double[] obs = new double[batch.size() * n * 2];
      for (int i = 0; i < batch.size(); i++) {
        CropTransform t = batch.transforms().get(i);
        Landmarks o = t.toCrop(labels.observation(batch.items().get(i).index()), perm);
        for (int k = 0; k < n; k++) {
          obs[(i * n + k) * 2] = codec.cropToHeatmap(o.x(k));
          obs[(i * n + k) * 2 + 1] = codec.cropToHeatmap(o.y(k));
        }
      }
      observations.add(obs);
    });
    int h = codec.heatmapSize();
    int fieldSize = h * search.params().upsample();
    double searchOnly = Double.MAX_VALUE;
    // Twice, the faster pass counts: the first one also pays for the engine's first use of the shapes.
    for (int pass = 0; pass < 2; pass++) {
      long s0 = System.nanoTime();
      for (int b = 0; b < maps.size(); b++) {
        try (NDManager sub = net.manager().newSubManager()) {
          NDArray heat = sub.create(maps.get(b), new Shape(maps.get(b).length / ((long) n * h * h), n, h, h));
          float[] field = search.chiSquareField(sub, heat).toFloatArray();
          search.search(field, fieldSize, observations.get(b));
        }
      }
      searchOnly = Math.min(searchOnly, (System.nanoTime() - s0) / 1e9);
    }
    table.add("search", item, net.engineName(), "search_only_s", searchOnly, "s", "train_epoch_s (goal <= 0.02)",
        searchOnly / epoch);

    SemanticSearch.Params p = search.params();
    SemanticSearch plain = new SemanticSearch(new SemanticSearch.Params(p.window(), Math.max(1, p.template()
        / p.upsample()) | 1, p.sigma(), p.lambda(), 1, p.floor(), p.subpixel()));
    fieldVersusLoop(net, item + ", upsample 1", plain, maps, n, h);
    windowOnly(net, item + ", upsample 1", plain, maps, observations, h);
    // The paper's scale (256 px heatmaps, template 19) and Newell's (64 px, template 19 / 4 -> 5):
    // at the small heatmaps of a quick config the template is a few pixels and any loop is fast.
    Random r = new Random(17);
    for (int[] hs : quick ? new int[][] {{64, 5, 8}} : new int[][] {{64, 5, 8}, {256, 19, 1}}) {
      float[] random = new float[hs[2] * n * hs[0] * hs[0]];
      for (int i = 0; i < random.length; i++) {
        random[i] = r.nextFloat();
      }
      SemanticSearch paper = new SemanticSearch(new SemanticSearch.Params(p.window(), hs[1], p.sigma(), p.lambda(),
          1, p.floor(), p.subpixel()));
      fieldVersusLoop(net, hs[2] + " random faces, heatmap " + hs[0] + ", template " + hs[1], paper,
          List.of(random), n, hs[0]);
    }
    log.accept("search: done");
  }

  /** The chi-square field of {@code maps} on the engine and by the per-pixel loop (best of two each). */
  private void fieldVersusLoop(LandmarkNet net, String item, SemanticSearch search, List<float[]> maps, int n, int h) {
    double engine = Double.MAX_VALUE;
    double loop = Double.MAX_VALUE;
    for (int pass = 0; pass < 2; pass++) {
      double e = 0;
      double l = 0;
      for (float[] m : maps) {
        int count = m.length / (h * h);
        try (NDManager sub = net.manager().newSubManager()) {
          long s0 = System.nanoTime();
          search.chiSquareField(sub, sub.create(m, new Shape(count / n, n, h, h))).toFloatArray();
          e += (System.nanoTime() - s0) / 1e9;
        }
        long s0 = System.nanoTime();
        search.chiSquareLoop(m, count, h);
        l += (System.nanoTime() - s0) / 1e9;
      }
      engine = Math.min(engine, e);
      loop = Math.min(loop, l);
    }
    table.add("search", item, net.engineName(), "chi2_field_engine_s", engine, "s");
    table.add("search", item, "", "chi2_field_loop_s", loop, "s", "chi2_field_engine_s (goal >= 20)", loop / engine);
  }

  /**
   * The chi-square only where the search looks, a (2r+1)^2 window around each o, by a plain loop:
   * what a window-restricted search would cost instead of the whole field (best of two passes).
   */
  private void windowOnly(LandmarkNet net, String item, SemanticSearch search, List<float[]> maps,
      List<double[]> observations, int h) {
    SemanticSearch.Params p = search.params();
    int t = p.template();
    int c = t / 2;
    int r = p.window() / 2;
    float[] e = new float[t * t];
    for (int y = 0; y < t; y++) {
      for (int x = 0; x < t; x++) {
        double d2 = (x - c) * (x - c) + (y - c) * (y - c);
        e[y * t + x] = (float) Math.max(p.floor(), Math.exp(-d2 / (2 * p.sigma() * p.sigma())));
      }
    }
    double best = Double.MAX_VALUE;
    double sink = 0;
    for (int pass = 0; pass < 2; pass++) {
      long s0 = System.nanoTime();
      for (int b = 0; b < maps.size(); b++) {
        float[] m = maps.get(b);
        double[] obs = observations.get(b);
        for (int k = 0; k < obs.length / 2; k++) {
          int cx = (int) Math.round(obs[2 * k]);
          int cy = (int) Math.round(obs[2 * k + 1]);
          int base = k * h * h;
          for (int y = cy - r; y <= cy + r; y++) {
            for (int x = cx - r; x <= cx + r; x++) {
              double chi = 0;
              for (int j = 0; j < t; j++) {
                int yy = y + j - c;
                for (int i = 0; i < t; i++) {
                  int xx = x + i - c;
                  double v = yy < 0 || xx < 0 || yy >= h || xx >= h ? 0 : m[base + yy * h + xx];
                  double d = e[j * t + i] - v;
                  chi += d * d / e[j * t + i];
                }
              }
              sink += chi;
            }
          }
        }
      }
      best = Math.min(best, (System.nanoTime() - s0) / 1e9);
    }
    double engine = table.value("search", item, net.engineName(), "chi2_field_engine_s");
    table.add("search", item, "", "chi2_window_loop_s", best, "s", "chi2_field_engine_s", best / engine);
    if (Double.isNaN(sink)) {
      log.accept("search: the window loop met NaN heatmaps");
    }
  }

  /** RSS and heap after every epoch of a small run; growth from epoch 2 to the last. */
  void memory(LandmarkNet net, int faces, int epochs) {
    List<BatchSource.Item> items = items(faces, true);
    String item = items.size() + " faces x " + epochs + " epochs";
    SystemProbe.resetPeak();
    double[] rss = new double[epochs + 1];
    for (int e = 1; e <= epochs; e++) {
      epoch(net, items, e);
      rss[e] = SystemProbe.rssMb();
      System.gc();
      table.add("memory", item, net.engineName(), "rss_after_epoch_" + e, rss[e], "MB");
      table.add("memory", item, "", "heap_after_epoch_" + e + "_gc", SystemProbe.heapUsedMb(), "MB");
    }
    double growth = rss[epochs] - rss[2];
    table.add("memory", item, net.engineName(), "rss_growth_epoch_2_to_" + epochs, growth, "MB", "rss_after_epoch_2",
        rss[epochs] / rss[2]);
    table.add("memory", item, net.engineName(), "rss_growth_per_epoch", growth / (epochs - 2), "MB");
    table.add("memory", item, net.engineName(), "peak_rss", SystemProbe.peakRssMb(), "MB");
    table.add("memory", item, "", "peak_heap", SystemProbe.heapPeakMb(), "MB");
    log.accept("memory: done");
  }
}
