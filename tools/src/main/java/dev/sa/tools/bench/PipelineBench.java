package dev.sa.tools.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.EngineArrays;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.BatchSource;
import dev.sa.app.eval.Inference;
import dev.sa.app.method.Alternation;
import dev.sa.app.method.Frames;
import dev.sa.app.method.Labels;
import dev.sa.app.method.SearchParams;
import dev.sa.app.method.SearchStep;
import dev.sa.app.method.SemanticSearch;
import dev.sa.app.run.RunContext;
import dev.sa.app.run.SearchPass;
import dev.sa.app.train.LandmarkNet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The parts that need the configured data set: data pipeline throughput, the Semantic Alignment
 * search against a training epoch and against the per-pixel loop, and memory over epochs.
 */
final class PipelineBench {
  private final RunContext setup;
  private final SaConfig config;
  private final BenchTable table;
  private final Consumer<String> log;

  PipelineBench(RunContext setup, BenchTable table, Consumer<String> log) {
    this.setup = setup;
    this.config = setup.config();
    this.table = table;
    this.log = log;
  }

  /** The first {@code faces} training faces (0 = all) as items with their human labels. */
  List<BatchSource.Item> items(int faces, boolean withTargets) {
    int n = faces == 0 ? setup.train().size() : Math.min(faces, setup.train().size());
    List<BatchSource.Item> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      FaceSample s = setup.train().get(i);
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
    Iterator<BatchSource.Batch> it = setup.batches().pass(items, config.train().batchSize(), augment(), true, seed);
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
      try (BatchSource source = new BatchSource(w, setup.frames(), setup.codec())) {
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
   * One Semantic Alignment search pass over {@code faces} training faces: whole (as Phase runs it)
   * and split into the forward passes and the search itself; then the search alone on stored
   * heatmaps by every method against the plain loops; beside one training epoch on the same faces.
   */
  void search(LandmarkNet net, int faces, boolean quick) {
    SearchStep step = Alternation.step1(config, setup.frames(), setup.scheme());
    SemanticSearch search = step.search();
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
    double searchPart = SearchPass.run(net, setup.batches(), step, labels, config.evaluate().batchSize());
    double whole = (System.nanoTime() - t0) / 1e9;
    table.add("search", item, net.engineName(), "search_pass_s", whole, "s", "train_epoch_s", whole / epoch);
    table.add("search", item, net.engineName(), "search_pass_inference_s", whole - searchPart, "s", "train_epoch_s",
        (whole - searchPart) / epoch);
    table.add("search", item, "", "search_pass_search_s", searchPart, "s", "train_epoch_s (goal <= 0.02)",
        searchPart / epoch);

    List<float[]> maps = new ArrayList<>();
    List<double[]> observations = new ArrayList<>();
    Frames frames = setup.frames();
    int n = frames.landmarks();
    Inference.run(net, setup.batches(), items, config.evaluate().batchSize(), (batch, manager, out) -> {
      maps.add(out.toFloatArray());
      double[] obs = new double[batch.size() * n * 2];
      for (int i = 0; i < batch.size(); i++) {
        frames.toHeatmap(batch.transforms().get(i), labels.observation(batch.items().get(i).index()), obs, i * n * 2);
      }
      observations.add(obs);
    });
    int h = frames.heatmapSize();
    compare(net, item, search, maps, observations, n, h, epoch);
    // The paper's scale (256 px heatmaps, window 17, template 19) and Newell's (64 px, template
    // 19 / 4 -> 5), on random heatmaps and observations: at the small heatmaps of a quick config
    // the template is a few pixels and every method is fast.
    SearchParams p = search.params();
    Random r = new Random(17);
    for (int[] hs : quick ? new int[][] {{64, 5, 5, 8}} : new int[][] {{64, 5, 5, 8}, {256, 17, 19, 4}}) {
      int count = hs[3] * n;
      float[] random = new float[count * hs[0] * hs[0]];
      for (int i = 0; i < random.length; i++) {
        random[i] = r.nextFloat();
      }
      double[] obs = new double[2 * count];
      for (int i = 0; i < obs.length; i++) {
        obs[i] = r.nextDouble() * (hs[0] - 1);
      }
      SemanticSearch paper = new SemanticSearch(new SearchParams(hs[1], hs[2], p.sigma(), p.lambda(), 1,
          p.floor(), p.subpixel()));
      compare(net, hs[3] + " random faces, heatmap " + hs[0] + ", window " + hs[1] + ", template " + hs[2], paper,
          List.of(random), List.of(obs), n, hs[0], Double.NaN);
    }
    log.accept("search: done");
  }

  /**
   * The search alone on stored heatmaps (best of two passes each): chi-square only inside the
   * windows (the default, {@code sa.chi2: window}), the whole field on the engine then the argmin
   * ({@code sa.chi2: field}), and two plain loops: the same window search written plainly, and the
   * plain per-pixel loop over the whole field.
   */
  private void compare(LandmarkNet net, String item, SemanticSearch search, List<float[]> maps,
      List<double[]> observations, int n, int h, double epoch) {
    int u = search.params().upsample();
    ReferenceSearch reference = new ReferenceSearch(search);
    double windows = Double.MAX_VALUE;
    double field = Double.MAX_VALUE;
    double plain = Double.MAX_VALUE;
    double fieldLoop = Double.MAX_VALUE;
    for (int pass = 0; pass < 2; pass++) {
      double tw = 0;
      double tf = 0;
      double tp = 0;
      double tl = 0;
      for (int b = 0; b < maps.size(); b++) {
        float[] m = maps.get(b);
        double[] obs = observations.get(b);
        int count = m.length / (h * h);
        long s0 = System.nanoTime();
        search.searchWindows(m, h, obs);
        tw += (System.nanoTime() - s0) / 1e9;
        try (NDManager sub = net.manager().newSubManager()) {
          s0 = System.nanoTime();
          float[] f = search.chiSquareField(sub, EngineArrays.create(sub, m, new Shape(count / n, n, h, h))).toFloatArray();
          search.search(f, h * u, obs);
          tf += (System.nanoTime() - s0) / 1e9;
        }
        s0 = System.nanoTime();
        reference.searchPlain(m, h, obs);
        tp += (System.nanoTime() - s0) / 1e9;
        s0 = System.nanoTime();
        search.search(reference.chiSquareLoop(u == 1 ? m : reference.upsample(m, count, h), count, h * u), h * u,
            obs);
        tl += (System.nanoTime() - s0) / 1e9;
      }
      windows = Math.min(windows, tw);
      field = Math.min(field, tf);
      plain = Math.min(plain, tp);
      fieldLoop = Math.min(fieldLoop, tl);
    }
    if (Double.isNaN(epoch)) {
      table.add("search", item, "", "search_windows_s", windows, "s");
    } else {
      table.add("search", item, "", "search_windows_s", windows, "s", "train_epoch_s (goal <= 0.02)", windows / epoch);
    }
    table.add("search", item, net.engineName(), "search_field_engine_s", field, "s", "search_windows_s", field / windows);
    table.add("search", item, "", "search_window_loop_s", plain, "s", "search_windows_s (goal >= 20)", plain / windows);
    table.add("search", item, "", "search_field_loop_s", fieldLoop, "s", "search_windows_s (goal >= 20)",
        fieldLoop / windows);
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
