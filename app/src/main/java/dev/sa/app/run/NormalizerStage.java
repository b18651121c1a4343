package dev.sa.app.run;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Normalizer;
import dev.sa.api.NormalizerPlugin;
import dev.sa.api.NormalizerSpec;
import dev.sa.api.SaException;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.NormalizerCrops;
import dev.sa.app.host.PluginHost;
import dev.sa.app.method.EyeLine;
import dev.sa.app.method.Frames;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rotation normaliser stage of a run (paper Table 2, "Norm"): trained once per data setup
 * (seed, data set, input; {@link Setup#key}) on the training faces before any baseline, saved in
 * {@code normalizer-<key>/} of the run folder (a resumed run loads it), then its predicted angle of
 * every face (training, validation and test alike; never the label angle) turns the crops upright
 * through {@link dev.sa.app.method.Frames#withUpright}. Its rotation error against the label angle
 * (degrees, mean and 95th percentile) and its time per face go to {@code normalizer.csv} and the log.
 */
public final class NormalizerStage {
  /** Columns of {@code normalizer.csv}. */
  static final String[] COLUMNS = {"setup", "plugin", "subset", "faces", "mean_deg", "p95_deg", "ms_per_face"};

  private NormalizerStage() {}

  /** Whether the config turns crops upright. */
  public static boolean active(SaConfig c) {
    return !"none".equals(c.normalizer().plugin());
  }

  /** The folder of a data setup's normaliser in a run folder. */
  public static Path dir(Path runDir, ObjectNode tree) {
    return runDir.resolve("normalizer-" + Setup.key(tree));
  }

  /** The eye line the angles come from, or an invalid-input error naming the config path. */
  static EyeLine eyes(LandmarkScheme scheme, String src) {
    return EyeLine.of(scheme).orElseThrow(() -> SaException.invalidInput(src + ": normalizer.plugin: scheme '"
        + scheme.name() + "' declares no eye point groups (an inter-pupil or inter-ocular normaliser), so the"
        + " face's angle cannot be derived from its labels; use normalizer.plugin: none"));
  }

  /** An untrained normaliser of the config's plugin, its options bound (bad options: exit 2). */
  public static Normalizer create(PluginHost host, SaConfig c, String src, Device device) {
    NormalizerPlugin plugin = host.normalizer(c.normalizer().plugin(), src + ": normalizer.plugin");
    Record options = PluginOptions.bind(c.normalizer().options(), plugin.optionsType(), "normalizer.options", src);
    try {
      return plugin.create(new NormalizerSpec(c.seed(), device, options));
    } catch (IllegalArgumentException e) {
      throw SaException.invalidInput(src + ": normalizer.options: " + e.getMessage());
    }
  }

  /**
   * Trains (or loads) the setup's normaliser, predicts every face's angle, writes its errors and
   * turns the setup's crops upright. Does nothing when the config has no normaliser.
   *
   * @param tree the resolved config of the setup's variants (for the folder's key)
   */
  public static void apply(Setup setup, ObjectNode tree, PluginHost host, Path runDir, Progress progress)
      throws IOException {
    RunContext ctx = setup.context();
    SaConfig c = ctx.config();
    if (!active(c)) {
      return;
    }
    EyeLine eyes = eyes(ctx.scheme(), ctx.configSource());
    Path dir = dir(runDir, tree);
    try (Normalizer n = create(host, c, ctx.configSource(), ctx.device())) {
      if (Files.exists(dir.resolve("fitted"))) {
        n.load(dir);
        progress.info("normalizer '" + c.normalizer().plugin() + "': loaded from " + dir.getFileName());
      } else {
        progress.info("normalizer '" + c.normalizer().plugin() + "': training on " + ctx.train().size() + " faces");
        n.fit(new NormalizerCrops(ctx.train(), n.cropSize(), c.input().boxScale(), eyes), progress::info);
        Files.createDirectories(dir);
        n.save(dir);
        AtomicFiles.writeString(dir.resolve("fitted"), "ok\n");
      }
      double reference = NormalizerCrops.reference(ctx.train(), eyes);
      Map<String, List<FaceSample>> subsets = new LinkedHashMap<>();
      subsets.put("train", ctx.train());
      subsets.put("val", ctx.val());
      subsets.putAll(ctx.tests());
      Map<String, Double> angles = new LinkedHashMap<>();
      Rows rows = new Rows(COLUMNS);
      int batch = Math.max(1, c.evaluate().batchSize());
      for (Map.Entry<String, List<FaceSample>> e : subsets.entrySet()) {
        List<FaceSample> faces = e.getValue();
        if (faces.isEmpty()) {
          continue;
        }
        long t0 = System.nanoTime();
        double[] predicted = predict(n, faces, c.input().boxScale(), batch);
        double ms = (System.nanoTime() - t0) / 1e6 / faces.size();
        double[] errors = new double[faces.size()];
        for (int i = 0; i < errors.length; i++) {
          angles.put(Frames.faceKey(faces.get(i)), predicted[i]);
          errors[i] = Math.abs(EyeLine.wrap(predicted[i] - NormalizerCrops.labelAngle(faces.get(i), eyes, reference)));
        }
        double mean = Arrays.stream(errors).average().orElse(Double.NaN);
        double p95 = percentile(errors, 95);
        rows.add(dir.getFileName().toString(), c.normalizer().plugin(), e.getKey(), faces.size(), mean, p95, ms);
        if (!e.getKey().equals("train")) {
          progress.info(String.format(Locale.ROOT, "normalizer '%s' on %s: rotation error %.2f deg mean, %.2f deg"
              + " p95 (%d faces), %.2f ms per face", c.normalizer().plugin(), e.getKey(), mean, p95, faces.size(), ms));
        }
      }
      rows.write(dir.resolve("errors.csv"));
      setup.turnUpright(angles);
    }
  }

  /**
   * The trained normaliser of a variant's data setup in a run folder ({@code sa predict}), or a
   * data error naming the folder when it was never trained.
   */
  public static Normalizer load(PluginHost host, ExperimentPlan.Variant variant, Path runDir, String src,
      Device device) {
    Path dir = dir(runDir, variant.tree());
    if (!Files.exists(dir.resolve("fitted"))) {
      throw SaException.dataError(dir + ": the variant's rotation normaliser is not trained (no " + dir.resolve("fitted")
          + "); resume the run first");
    }
    Normalizer n = create(host, variant.config(), src, device);
    try {
      n.load(dir);
    } catch (IOException | RuntimeException e) {
      n.close();
      throw SaException.dataError(dir + ": cannot load the normaliser: " + e.getMessage(), e);
    }
    return n;
  }

  /** Predicted angles of the items' faces by {@link Frames#faceKey}, for {@link Frames#withUpright}. */
  public static Map<String, Double> angles(Normalizer n, List<BatchSource.Item> items, SaConfig c, int batch) {
    List<FaceSample> faces = new ArrayList<>();
    for (BatchSource.Item item : items) {
      faces.add(item.sample());
    }
    double[] a = predict(n, faces, c.input().boxScale(), batch);
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < a.length; i++) {
      out.put(Frames.faceKey(faces.get(i)), a[i]);
    }
    return out;
  }

  /** Predicted angles (degrees) of {@code faces}, in order, from their plain crops. */
  public static double[] predict(Normalizer n, List<FaceSample> faces, double boxScale, int batch) {
    double[] out = new double[faces.size()];
    for (int from = 0; from < faces.size(); from += batch) {
      int to = Math.min(faces.size(), from + batch);
      float[] a = n.predict(NormalizerCrops.plain(faces, from, to, n.cropSize(), boxScale), to - from);
      for (int i = from; i < to; i++) {
        out[i] = a[i - from];
      }
    }
    return out;
  }

  /** Nearest-rank percentile of {@code values}. */
  static double percentile(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100 * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
  }

  /** Gathers every setup's {@code normalizer-<key>/errors.csv} into the run's {@code normalizer.csv}. */
  static void writeRunTable(Path runDir) throws IOException {
    Rows all = new Rows(COLUMNS);
    try (var list = Files.list(runDir)) {
      for (Path d : (Iterable<Path>) list.sorted()::iterator) {
        Path f = d.resolve("errors.csv");
        if (d.getFileName().toString().startsWith("normalizer-") && Files.exists(f)) {
          all.addAll(Rows.read(f, COLUMNS));
        }
      }
    }
    if (all.size() > 0) {
      all.write(runDir.resolve("normalizer.csv"));
    }
  }
}
