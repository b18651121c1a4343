package dev.sa.tools.bench;

import dev.sa.api.Backbone;
import dev.sa.api.DetectorSpec;
import dev.sa.api.FaceDetector;
import dev.sa.api.FaceDetectorPlugin;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.host.PluginHost;
import dev.sa.app.train.LandmarkNet;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * {@code sa predict}'s two costs: face detection per image (the configured {@code predict.detector}
 * plugin on a seeded 640 x 480 canvas) and landmarks per face (the fixed hourglass, randomly
 * initialised, at 64 px and batch 1: forward pass and decoding the 68 heatmaps). The crop and
 * the file reading of a real prediction are left out. Figures are medians of single repetitions.
 * The detector gets this process's engine threads, so the one-thread figures hold OpenCV to one
 * thread too.
 */
final class PredictBench {
  /** Input side of the landmark network timed here (the goal in issue 20 is stated at 64 px). */
  static final int SIZE = 64;
  /** The canvas the detector runs on. */
  static final int WIDTH = 640;
  static final int HEIGHT = 480;
  /** Detection plus 68 landmarks for one face: the goal per face at 64 px on one core. */
  static final double GOAL_MS = 30;

  private final BenchOptions options;
  private final PluginHost host;
  private final SaConfig config;
  private final BenchTable table;
  private final Consumer<String> log;
  private final NetTimer timer;

  PredictBench(BenchOptions options, PluginHost host, SaConfig config, BenchTable table, Consumer<String> log,
      NetTimer timer) {
    this.options = options;
    this.host = host;
    this.config = config;
    this.table = table;
    this.log = log;
    this.timer = timer;
  }

  /** Both figures at this process's {@code threads}; {@code hourglass} builds the fixed model for a size. */
  void run(int threads, IntFunction<Backbone> hourglass) {
    double detect = detect(threads);
    int heatmap = SIZE / options.ratio();
    String item = String.format(Locale.ROOT, "hourglass %dx%dx%d %dpx/%d b1 threads=%d", options.stacks(),
        options.depth(), options.channels(), SIZE, heatmap, threads);
    log.accept("timing landmarks per face: " + item);
    HeatmapCodec codec = new HeatmapCodec(heatmap, config.input().sigma());
    try (LandmarkNet net = LandmarkNet.builder().setBackbone(hourglass.apply(SIZE))
        .setLandmarks(ModelBench.LANDMARKS).setSizes(SIZE, heatmap).optSeed(1).build()) {
      float[] image = NetTimer.batch(1, SIZE, ModelBench.LANDMARKS, heatmap, 21).images();
      double[] ms = new double[options.steps()];
      for (int i = -warmup(); i < options.steps(); i++) {
        long t0 = System.nanoTime();
        float[] maps = net.predict(image, 1);
        for (int k = 0; k < ModelBench.LANDMARKS; k++) {
          codec.decode(maps, k * heatmap * heatmap);
        }
        if (i >= 0) {
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
      }
      double landmarks = NetTimer.median(ms);
      table.add("predict", item, net.engineName(), "landmarks_ms_per_face", landmarks, "ms/face");
      if (!Double.isNaN(detect)) {
        double one = detect + landmarks;
        table.add("predict", item, net.engineName(), "detect_and_landmarks_ms_one_face", one, "ms",
            "goal " + (int) GOAL_MS + " ms per face at 64 px on one core", one / GOAL_MS);
      }
    }
  }

  /** Median ms per image of the configured detector on the canvas, or NaN with a row saying why. */
  private double detect(int threads) {
    SaConfig.DetectorConfig d = config.predict().detector();
    String item = String.format(Locale.ROOT, "detector on a %dx%d canvas threads=%d", WIDTH, HEIGHT, threads);
    if (d == null || d.plugin() == null || d.plugin().equals("none")) {
      table.add("predict", item, "", "no detector (predict.detector.plugin: none)", Double.NaN, "");
      return Double.NaN;
    }
    FaceDetectorPlugin plugin = host.detector(d.plugin(), "predict.detector.plugin");
    Record bound = PluginOptions.bind(d.options(), plugin.optionsType(), "predict.detector.options", "sa bench");
    log.accept("timing face detection: " + d.plugin());
    BufferedImage canvas = canvas();
    try (FaceDetector detector = plugin.create(new DetectorSpec(bound, threads))) {
      double[] ms = new double[options.steps()];
      int faces = 0;
      for (int i = -warmup(); i < options.steps(); i++) {
        long t0 = System.nanoTime();
        faces = detector.detect(canvas).size();
        if (i >= 0) {
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
      }
      double median = NetTimer.median(ms);
      table.add("predict", item, d.plugin(), "detect_ms_per_image", median, "ms/image");
      table.add("predict", item, d.plugin(), "faces_found", faces, "");
      return median;
    }
  }

  /**
   * Untimed repetitions first: at least ten, since one repetition of a few
   * milliseconds leaves the JIT compiling beside the timed ones (measured: 10.2 ms per face after
   * one, 9.4 after twenty).
   */
  private int warmup() {
    return Math.max(10, options.warmup());
  }

  /** A seeded gray canvas with soft blobs: a fixed input, not a photo (a cascade's time grows with edges). */
  static BufferedImage canvas() {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(31);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int v = (int) (128 + 60 * Math.sin(x / 37.0) * Math.cos(y / 23.0) + r.nextInt(32) - 16);
        v = Math.max(0, Math.min(255, v));
        img.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    return img;
  }
}
