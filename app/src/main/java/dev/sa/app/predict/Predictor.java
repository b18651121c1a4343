package dev.sa.app.predict;

import ai.djl.Device;
import dev.sa.api.Backbone;
import dev.sa.api.BackbonePlugin;
import dev.sa.api.BackboneSpec;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
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
import dev.sa.app.method.Frames;
import dev.sa.app.eval.Inference;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.NormalizerStage;
import dev.sa.app.train.LandmarkNet;
import dev.sa.support.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A variant's trained network (and fitted refiner, when it has one) applied to arbitrary images:
 * the evaluation's forward pass and decoding ({@code Evaluation.predict}) without opening the
 * data set. Only the landmark scheme is needed, which a data set plugin declares without files.
 */
public final class Predictor implements AutoCloseable {
  private final SaConfig config;
  private final LandmarkScheme scheme;
  private final LandmarkNet net;
  private final Refiner refiner;
  private final String refinerNote;
  private final HeatmapCodec codec;
  private final BatchSource source;
  /** The run's rotation normaliser, or null: each call's crops are turned upright by its angles. */
  private final Normalizer normalizer;

  /**
   * @param log receives one line per notable choice (device fallback, refiner not applied)
   */
  public Predictor(TrainedVariants.Trained variant, PluginHost host, String src, Consumer<String> log)
      throws IOException {
    this.config = variant.variant().config();
    SaConfig c = config;
    this.scheme = host.dataset(c.dataset().plugin(), src + ": dataset.plugin").scheme();
    Device device = device(c.devices(), src, log);
    BackbonePlugin bp = host.backbone(c.backbone().plugin(), src + ": backbone.plugin");
    Record options = PluginOptions.bind(c.backbone().options(), bp.optionsType(), "backbone.options", src);
    BackboneSpec spec = new BackboneSpec(scheme.count(), c.input().size(), c.input().heatmapSize(), options);
    LandmarkNet n;
    try {
      n = LandmarkNet.builder().setBackbone(bp.build(spec)).setLandmarks(scheme.count())
          .setSizes(c.input().size(), c.input().heatmapSize()).optSeed(c.seed()).optDevices(Devices.of(device))
          .optEngine(c.engine()).optGraph(c.graph()).build();
    } catch (IllegalArgumentException e) {
      throw SaException.invalidInput(src + ": backbone: " + e.getMessage());
    }
    Refiner r = null;
    String note = null;
    BatchSource bs = null;
    Normalizer norm = null;
    try {
      try {
        n.load(variant.checkpoint());
      } catch (IOException | RuntimeException e) {
        throw SaException.dataError(variant.checkpoint() + ": cannot load the trained network: "
            + InputImages.oneLine(e), e);
      }
      String rid = c.refiner().plugin();
      if (!"none".equals(rid)) {
        Path dir = variant.dir().resolve("refiner");
        if (n.output() == Backbone.Output.COORDINATES) {
          note = "refiner '" + rid + "' not applied: it reads heatmaps and backbone '" + c.backbone().plugin()
              + "' outputs coordinates";
        } else if (!Files.exists(dir.resolve("fitted"))) {
          note = "refiner '" + rid + "' not applied: its fitted state is not saved (no " + dir.resolve("fitted")
              + "); predicting with the backbone only";
        } else {
          RefinerPlugin rp = host.refiner(rid, src + ": refiner.plugin");
          Record ro = PluginOptions.bind(c.refiner().options(), rp.optionsType(), "refiner.options", src);
          r = rp.create(new RefinerSpec(scheme, c.input().heatmapSize(), c.seed(), device, ro));
          try {
            r.load(dir);
          } catch (IOException | RuntimeException e) {
            r.close();
            r = null;
            throw SaException.dataError(dir + ": cannot load the fitted refiner '" + rid + "': "
                + InputImages.oneLine(e), e);
          }
        }
      }
      if (NormalizerStage.active(c)) {
        norm = NormalizerStage.load(host, variant.variant(), variant.dir().getParent().getParent(), src, device);
      }
      this.codec = new HeatmapCodec(c.input().heatmapSize(), c.input().sigma());
      bs = new BatchSource(c.train().workers(), new Frames(c.input().size(), c.input().heatmapSize(),
          c.input().boxScale(), scheme.flipPermutation()), codec);
    } catch (RuntimeException e) {
      if (r != null) {
        r.close();
      }
      if (norm != null) {
        norm.close();
      }
      n.close();
      throw e;
    }
    this.normalizer = norm;
    this.net = n;
    this.refiner = r;
    this.refinerNote = note;
    this.source = bs;
  }

  public LandmarkScheme scheme() {
    return scheme;
  }

  /** The refiner's id when it is applied, else null. */
  public String refinerApplied() {
    return refiner == null ? null : config.refiner().plugin();
  }

  /** Why the variant's refiner is not applied, or null (applied, or none configured). */
  public String refinerNote() {
    return refinerNote;
  }

  /** Landmarks in image pixels of each image in its box, in order. */
  public List<Landmarks> predict(List<InputImages.Image> images, List<FaceBox> boxes) {
    int n = scheme.count();
    List<BatchSource.Item> items = new ArrayList<>();
    Landmarks none = Landmarks.of(new float[2 * n]);
    for (int i = 0; i < images.size(); i++) {
      Path file = images.get(i).path();
      items.add(new BatchSource.Item(i, FaceSample.of(file.toString(), ImageFiles.lazy(file), boxes.get(i), none,
          file.toString()), null));
    }
    Landmarks[] out = new Landmarks[images.size()];
    int batchSize = Math.max(1, config.evaluate().batchSize());
    try (BatchSource upright = normalizer == null ? null : new BatchSource(config.train().workers(),
        source.frames().withUpright(NormalizerStage.angles(normalizer, items, config, batchSize)), codec)) {
      BatchSource bs = upright == null ? source : upright;
      Inference.run(net, bs, items, batchSize, (batch, step, output) -> {
        float[] values = output.toFloatArray();
        Landmarks[] decoded = Inference.decode(net.output(), codec, bs.frames(), batch, values, null);
        if (refiner != null) {
          Inference.refine(refiner, bs.frames(), batch, step, output, decoded);
        }
        for (int i = 0; i < batch.size(); i++) {
          out[batch.items().get(i).index()] = decoded[i];
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
