package dev.sa.tools.bench;

import dev.sa.api.Backbone;
import dev.sa.api.DetectorSpec;
import dev.sa.api.FaceDetector;
import dev.sa.api.FaceDetectorPlugin;
import dev.sa.api.RealPhotos;
import dev.sa.api.SaException;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.host.PluginHost;
import dev.sa.app.train.LandmarkNet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * {@code sa predict}'s two costs: face detection per image (the configured {@code predict.detector}
 * plugin on a seeded 640 x 480 canvas) and landmarks per face (the fixed hourglass, randomly
 * initialised, at 64 px and batch 1: forward pass and decoding the 68 heatmaps). The crop and
 * the file reading of a real prediction are left out. Figures are medians of single repetitions.
 * Where the real photos of {@code tools/test-photos.sh} are present, the detector is also timed on
 * the one-face astronaut photo; {@link #recall} measures what it finds there, once per bench.
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
    Detection detect = detect(threads);
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
      String goal = "goal " + (int) GOAL_MS + " ms per face at 64 px on one core";
      if (!Double.isNaN(detect.canvas())) {
        double one = detect.canvas() + landmarks;
        table.add("predict", item, net.engineName(), "detect_and_landmarks_ms_one_face", one, "ms", goal, one / GOAL_MS);
      }
      if (!Double.isNaN(detect.photo())) {
        double one = detect.photo() + landmarks;
        table.add("predict", item, net.engineName(), "detect_and_landmarks_ms_one_face_photo", one, "ms", goal,
            one / GOAL_MS);
      }
    }
  }

  /** Median ms per image on the canvas and on the real one-face photo (NaN where not timed). */
  record Detection(double canvas, double photo) {}

  /** The configured detector timed on the canvas, and on real photos where present; NaN with a row saying why. */
  private Detection detect(int threads) {
    SaConfig.DetectorConfig d = config.predict().detector();
    String item = String.format(Locale.ROOT, "detector on a %dx%d canvas threads=%d", WIDTH, HEIGHT, threads);
    if (!hasDetector(d)) {
      table.add("predict", item, "", "no detector (predict.detector.plugin: none)", Double.NaN, "");
      return new Detection(Double.NaN, Double.NaN);
    }
    log.accept("timing face detection: " + d.plugin());
    try (FaceDetector detector = detector(d, threads)) {
      double canvas = time(detector, canvas(), item, d.plugin());
      Optional<Path> photos = RealPhotos.dir();
      if (photos.isEmpty()) {
        table.add("predict", "detector on real photos", d.plugin(),
            "not measured: no photos (tools/test-photos.sh)", Double.NaN, "");
        return new Detection(canvas, Double.NaN);
      }
      String photoItem = String.format(Locale.ROOT, "detector on astronaut.png 512x512 threads=%d", threads);
      return new Detection(canvas, time(detector, read(photos.get(), "astronaut.png"), photoItem, d.plugin()));
    }
  }

  /**
   * What the configured detector finds on the real photos ({@link DetectorRecall}), where present.
   * It does not depend on the thread count, so the bench measures it once, at {@code threads}.
   */
  void recall(int threads) {
    SaConfig.DetectorConfig d = config.predict().detector();
    Optional<Path> photos = RealPhotos.dir();
    if (!hasDetector(d) || photos.isEmpty()) {
      return;
    }
    log.accept("faces found on real photos: " + d.plugin());
    try (FaceDetector detector = detector(d, threads)) {
      new DetectorRecall(table, d.plugin()).run(detector, photos.get());
    } catch (IOException e) {
      throw SaException.runtime("sa bench: cannot read the real photos: " + e.getMessage(), e);
    }
  }

  private static boolean hasDetector(SaConfig.DetectorConfig d) {
    return d != null && d.plugin() != null && !d.plugin().equals("none");
  }

  private FaceDetector detector(SaConfig.DetectorConfig d, int threads) {
    FaceDetectorPlugin plugin = host.detector(d.plugin(), "predict.detector.plugin");
    Record bound = PluginOptions.bind(d.options(), plugin.optionsType(), "predict.detector.options", "sa bench");
    return plugin.create(new DetectorSpec(bound, threads));
  }

  private static BufferedImage read(Path dir, String name) {
    try {
      return RealPhotos.read(dir, name);
    } catch (IOException e) {
      throw SaException.runtime("sa bench: cannot read the real photos: " + e.getMessage(), e);
    }
  }

  /** Median ms of {@code detector} on {@code image}, with its rows. */
  private double time(FaceDetector detector, BufferedImage image, String item, String plugin) {
    double[] ms = new double[options.steps()];
    int faces = 0;
    for (int i = -warmup(); i < options.steps(); i++) {
      long t0 = System.nanoTime();
      faces = detector.detect(image).size();
      if (i >= 0) {
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    double median = NetTimer.median(ms);
    table.add("predict", item, plugin, "detect_ms_per_image", median, "ms/image");
    table.add("predict", item, plugin, "faces_found", faces, "");
    return median;
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
