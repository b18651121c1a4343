package dev.sa.app.predict;

import ai.djl.Device;
import dev.sa.api.Backbone;
import dev.sa.api.BackbonePlugin;
import dev.sa.api.BackboneSpec;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.ImageSource;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Normalizer;
import dev.sa.api.Landmarks;
import dev.sa.api.Refiner;
import dev.sa.api.RefinerPlugin;
import dev.sa.api.RefinerSpec;
import dev.sa.api.SaException;
import dev.sa.app.config.Devices;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.eval.Inference;
import dev.sa.app.host.PluginHost;
import dev.sa.app.method.Frames;
import dev.sa.app.run.NormalizerStage;
import dev.sa.app.train.LandmarkNet;
import dev.sa.support.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A variant's trained network (and fitted refiner, when it has one) applied to arbitrary images:
 * the evaluation's forward pass and decoding ({@code Evaluation.predict}) without opening the
 * data set. Only the landmark scheme is needed, which a data set plugin declares without files.
 *
 * <p>Box convention: a face box given here is a tight face box, as a face detector frames a face
 * or as the box around its landmarks. It is enlarged by the data set's
 * {@link DatasetPlugin#faceBoxScale} into a box like the data set's ({@link #cropBox}), and that is
 * cropped as training crops a face ({@link Frames#plain}: {@code input.boxScale}, the network's
 * input size).
 */
public final class Predictor implements AutoCloseable {
  private final SaConfig config;
  private final LandmarkScheme scheme;
  private final double faceBoxScale;
  private final LandmarkNet net;
  private final Refiner refiner;
  private final String refinerNote;
  private final HeatmapCodec codec;
  private final BatchSource source;
  /** The run's rotation normaliser, or null: each call's crops are turned upright by its angles. */
  private final Normalizer normalizer;

  /**
   * One face's landmarks in image pixels and a score per landmark: the peak of its heatmap (higher
   * is surer; {@code NaN} for a backbone that outputs coordinates).
   */
  public record Prediction(Landmarks landmarks, float[] scores) {
    public Prediction {
      scores = scores.clone();
    }

    @Override
    public float[] scores() {
      return scores.clone();
    }
  }

  /** The fitted refiner of a variant, or why none is applied. */
  private record Fitted(Refiner refiner, String note) {}

  /**
   * @param log receives one line per notable choice (device fallback, refiner not applied)
   */
  public Predictor(TrainedVariants.Trained variant, PluginHost host, String src, Consumer<String> log)
      throws IOException {
    this.config = variant.variant().config();
    SaConfig c = config;
    this.scheme = host.dataset(c.dataset().plugin(), src + ": dataset.plugin").scheme();
    this.faceBoxScale = faceBoxScale(c, host, src);
    Device device = device(c.devices(), src, log);
    LandmarkNet n = network(c, scheme, host, device, src);
    Fitted fitted = null;
    Normalizer norm = null;
    try {
      try {
        n.load(variant.checkpoint());
      } catch (IOException | RuntimeException e) {
        throw SaException.dataError(variant.checkpoint() + ": cannot load the trained network: "
            + InputImages.oneLine(e), e);
      }
      fitted = refiner(variant, n, host, device, src);
      if (NormalizerStage.active(c)) {
        norm = NormalizerStage.load(host, variant.variant(), variant.dir().getParent().getParent(), src, device);
      }
      this.codec = new HeatmapCodec(c.input().heatmapSize(), c.input().sigma());
      this.source = new BatchSource(c.train().workers(), new Frames(c.input().size(), c.input().heatmapSize(),
          c.input().boxScale(), scheme.flipPermutation()), codec);
    } catch (RuntimeException e) {
      if (fitted != null && fitted.refiner() != null) {
        fitted.refiner().close();
      }
      if (norm != null) {
        norm.close();
      }
      n.close();
      throw e;
    }
    this.normalizer = norm;
    this.net = n;
    this.refiner = fitted.refiner();
    this.refinerNote = fitted.note();
  }

  /**
   * The data set's {@link DatasetPlugin#faceBoxScale} for the variant's config: how much its boxes
   * enlarge a tight face box.
   */
  public static double faceBoxScale(SaConfig c, PluginHost host, String src) {
    DatasetPlugin dp = host.dataset(c.dataset().plugin(), src + ": dataset.plugin");
    return dp.faceBoxScale(PluginOptions.bind(c.dataset().options(), dp.optionsType(), "dataset.options", src));
  }

  /** The config's backbone, built by its plugin (an untrained block). */
  public static Backbone backbone(SaConfig c, LandmarkScheme scheme, PluginHost host, String src) {
    BackbonePlugin bp = host.backbone(c.backbone().plugin(), src + ": backbone.plugin");
    Record options = PluginOptions.bind(c.backbone().options(), bp.optionsType(), "backbone.options", src);
    BackboneSpec spec = new BackboneSpec(scheme.count(), c.input().size(), c.input().heatmapSize(), options);
    try {
      return bp.build(spec);
    } catch (IllegalArgumentException e) {
      throw SaException.invalidInput(src + ": backbone: " + e.getMessage());
    }
  }

  /** The untrained network of the config's backbone, on {@code device}. */
  static LandmarkNet network(SaConfig c, LandmarkScheme scheme, PluginHost host, Device device, String src) {
    Backbone backbone = backbone(c, scheme, host, src);
    try {
      return LandmarkNet.builder().setBackbone(backbone).setLandmarks(scheme.count())
          .setSizes(c.input().size(), c.input().heatmapSize()).optSeed(c.seed()).optDevices(Devices.of(device))
          .optEngine(c.engine()).optGraph(c.graph()).build();
    } catch (IllegalArgumentException e) {
      throw SaException.invalidInput(src + ": backbone: " + e.getMessage());
    }
  }

  /** The variant's fitted refiner, loaded; or none, with the reason when one is configured. */
  private Fitted refiner(TrainedVariants.Trained variant, LandmarkNet n, PluginHost host, Device device,
      String src) {
    SaConfig c = config;
    String rid = c.refiner().plugin();
    if ("none".equals(rid)) {
      return new Fitted(null, null);
    }
    Path dir = variant.dir().resolve("refiner");
    if (n.output() == Backbone.Output.COORDINATES) {
      return new Fitted(null, "refiner '" + rid + "' not applied: it reads heatmaps and backbone '"
          + c.backbone().plugin() + "' outputs coordinates");
    }
    if (!Files.exists(dir.resolve("fitted"))) {
      return new Fitted(null, "refiner '" + rid + "' not applied: its fitted state is not saved (no "
          + dir.resolve("fitted") + "); predicting with the backbone only");
    }
    RefinerPlugin rp = host.refiner(rid, src + ": refiner.plugin");
    Record ro = PluginOptions.bind(c.refiner().options(), rp.optionsType(), "refiner.options", src);
    Refiner r = rp.create(new RefinerSpec(scheme, c.input().heatmapSize(), c.seed(), device, ro));
    try {
      r.load(dir);
    } catch (IOException | RuntimeException e) {
      r.close();
      throw SaException.dataError(dir + ": cannot load the fitted refiner '" + rid + "': "
          + InputImages.oneLine(e), e);
    }
    return new Fitted(r, null);
  }

  public LandmarkScheme scheme() {
    return scheme;
  }

  /** The variant's resolved config. */
  public SaConfig config() {
    return config;
  }

  /** The refiner's id when it is applied, else null. */
  public String refinerApplied() {
    return refiner == null ? null : config.refiner().plugin();
  }

  /** Why the variant's refiner is not applied, or null (applied, or none configured). */
  public String refinerNote() {
    return refinerNote;
  }

  /** How much a given face box is enlarged into the box that is cropped ({@link DatasetPlugin#faceBoxScale}). */
  public double faceBoxScale() {
    return faceBoxScale;
  }

  /** The box like the data set's that a given (tight) face box is cropped as: it enlarged by {@link #faceBoxScale()}. */
  public FaceBox cropBox(FaceBox faceBox) {
    return faceBox.scaled(faceBoxScale);
  }

  /** The crop transform of a given face box: the one training takes of a face with that box. */
  public Frames.CropTransform crop(FaceBox faceBox) {
    return source.frames().plain(cropBox(faceBox));
  }

  /** Landmarks in image pixels of each image file in its face box, in order. */
  public List<Landmarks> predict(List<InputImages.Image> images, List<FaceBox> faceBoxes) {
    List<ImageSource> sources = new ArrayList<>();
    for (InputImages.Image im : images) {
      sources.add(ImageFiles.lazy(im.path()));
    }
    List<Landmarks> out = new ArrayList<>();
    for (Prediction p : predictFaces(sources, faceBoxes)) {
      out.add(p.landmarks());
    }
    return out;
  }

  /**
   * Landmarks and scores of each image in its face box, in order. Not for concurrent callers: the
   * network and the crop workers serve one call at a time.
   */
  public List<Prediction> predictFaces(List<ImageSource> images, List<FaceBox> faceBoxes) {
    int n = scheme.count();
    List<BatchSource.Item> items = new ArrayList<>();
    Landmarks none = Landmarks.of(new float[2 * n]);
    for (int i = 0; i < images.size(); i++) {
      ImageSource im = images.get(i);
      items.add(new BatchSource.Item(i, FaceSample.of(im.describe(), im, cropBox(faceBoxes.get(i)), none,
          im.describe()), null));
    }
    Prediction[] out = new Prediction[images.size()];
    int batchSize = Math.max(1, config.evaluate().batchSize());
    try (BatchSource upright = normalizer == null ? null : new BatchSource(config.train().workers(),
        source.frames().withUpright(NormalizerStage.angles(normalizer, items, config, batchSize)), codec)) {
      BatchSource bs = upright == null ? source : upright;
      Inference.run(net, bs, items, batchSize, (batch, step, output) -> {
        float[] values = output.toFloatArray();
        float[] peaks = new float[batch.size() * n];
        Arrays.fill(peaks, Float.NaN);
        Landmarks[] decoded = Inference.decode(net.output(), codec, bs.frames(), batch, values, peaks);
        if (refiner != null) {
          Inference.refine(refiner, bs.frames(), batch, step, output, decoded);
        }
        for (int i = 0; i < batch.size(); i++) {
          out[batch.items().get(i).index()] = new Prediction(decoded[i],
              Arrays.copyOfRange(peaks, i * n, (i + 1) * n));
        }
      });
    }
    return List.of(out);
  }

  /** The config's first device; a GPU config on a machine without one falls back to the CPU, with a note. */
  static Device device(Devices devices, String src, Consumer<String> log) {
    Device d = devices.first();
    if (d.isGpu() && ai.djl.engine.Engine.getInstance().getGpuCount() == 0) {
      log.accept("the run was trained on '" + devices + "' but the engine sees no GPU: predicting on the CPU");
      return Device.cpu();
    }
    return d;
  }

  @Override
  public void close() {
    source.close();
    if (normalizer != null) {
      normalizer.close();
    }
    if (refiner != null) {
      refiner.close();
    }
    net.close();
  }
}
