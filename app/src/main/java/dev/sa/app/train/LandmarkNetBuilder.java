package dev.sa.app.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.training.loss.Loss;
import dev.sa.api.Backbone;
import dev.sa.app.config.Choices;
import dev.sa.app.config.Choices.GraphMode;
import dev.sa.app.config.Devices;
import dev.sa.app.train.loss.Chi2Loss;
import dev.sa.app.train.loss.HeatmapMseLoss;

/**
 * Builds a {@link LandmarkNet}: {@code set*} are required, {@code opt*} optional with the defaults
 * named; {@link #build()} checks them together.
 */
public final class LandmarkNetBuilder {
  Backbone backbone;
  int landmarks;
  int inputSize;
  int heatmapSize;
  long seed;
  Devices devices = Devices.of(Device.cpu());
  private Choices.Engine engine;
  RmsProp.Settings rmsProp = RmsProp.Settings.DEFAULT;
  private RmsProp.Form optimizerForm;
  GraphMode graph = GraphMode.STATIC;
  private double foregroundWeight;
  private Loss loss;
  Loss weightedLoss = new Chi2Loss();

  LandmarkNetBuilder() {}

  /** The network (required). */
  public LandmarkNetBuilder setBackbone(Backbone backbone) {
    this.backbone = backbone;
    return this;
  }

  /** N, the number of landmarks (required). */
  public LandmarkNetBuilder setLandmarks(int landmarks) {
    this.landmarks = landmarks;
    return this;
  }

  /** Side S of the input crop and side h of the heatmaps (required; 0 < h <= S). */
  public LandmarkNetBuilder setSizes(int inputSize, int heatmapSize) {
    this.inputSize = inputSize;
    this.heatmapSize = heatmapSize;
    return this;
  }

  /** Seeds the engine's generator before the parameters are initialised (default 0). */
  public LandmarkNetBuilder optSeed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Where the network runs (default: the CPU). */
  public LandmarkNetBuilder optDevices(Devices devices) {
    this.devices = devices;
    return this;
  }

  /** The engine every array lives on (default: DJL's default engine). */
  public LandmarkNetBuilder optEngine(Choices.Engine engine) {
    this.engine = engine;
    return this;
  }

  /** RMSprop's constants (default {@link RmsProp.Settings#DEFAULT}). */
  public LandmarkNetBuilder optRmsProp(RmsProp.Settings settings) {
    this.rmsProp = settings;
    return this;
  }

  /**
   * How RMSprop runs (default: {@link RmsProp.Form#MXNET_ADAM} on MXNet, {@link RmsProp.Form#FUSED}
   * elsewhere; measured by {@code sa bench}, bench/README.md: fusing halves the optimiser's time on
   * PyTorch but doubles it on MXNet, whose concat and many-way split are slow). All give the same weights.
   */
  public LandmarkNetBuilder optOptimizerForm(RmsProp.Form form) {
    this.optimizerForm = form;
    return this;
  }

  /** Graph mode (default {@code static}; see {@link GraphMode}). */
  public LandmarkNetBuilder optGraph(GraphMode mode) {
    this.graph = mode;
    return this;
  }

  /**
   * The foreground weight of the default heatmap loss, {@link HeatmapMseLoss} (default 0: plain
   * MSE). Never applied to the weighted (chi-square) loss.
   */
  public LandmarkNetBuilder optForegroundWeight(double foregroundWeight) {
    this.foregroundWeight = foregroundWeight;
    return this;
  }

  /**
   * The loss of batches without per-pixel weights: labels the targets ({@code (B, N, h, h)}
   * heatmaps, or {@code (B, 2N)} coordinates in crop pixels / S), predictions the network's
   * output. Default: {@link HeatmapMseLoss} with {@link #optForegroundWeight} for heatmaps, L1 for
   * coordinates; a backbone plugin may bring its own ({@code BackbonePlugin.loss}).
   */
  public LandmarkNetBuilder optLoss(Loss loss) {
    this.loss = loss;
    return this;
  }

  /**
   * The loss of heatmap batches with per-pixel weights (SA's chi-square loss): labels the targets
   * and the weights (default {@link Chi2Loss}, Eq. 9 as written).
   */
  public LandmarkNetBuilder optWeightedLoss(Loss loss) {
    this.weightedLoss = loss;
    return this;
  }

  /**
   * The network, initialised with the seed.
   *
   * @throws IllegalArgumentException naming what is missing or invalid
   */
  public LandmarkNet build() {
    if (backbone == null) {
      throw new IllegalArgumentException("LandmarkNet: setBackbone is required");
    }
    if (landmarks <= 0) {
      throw new IllegalArgumentException("LandmarkNet: setLandmarks needs N > 0, got " + landmarks);
    }
    if (inputSize <= 0 || heatmapSize <= 0 || heatmapSize > inputSize) {
      throw new IllegalArgumentException("LandmarkNet: setSizes needs 0 < heatmap size <= input size, got "
          + inputSize + ", " + heatmapSize);
    }
    if (devices == null || rmsProp == null || graph == null || weightedLoss == null) {
      throw new IllegalArgumentException("LandmarkNet: devices, RMSprop settings, graph mode and weighted loss"
          + " cannot be null");
    }
    Engine e = engine == null ? Engine.getInstance() : Engine.getEngine(engine.djlName());
    String name = e.getEngineName();
    RmsProp.Form form = checkForm(optimizerForm != null ? optimizerForm
        : "MXNet".equals(name) ? RmsProp.Form.MXNET_ADAM : RmsProp.Form.FUSED, name);
    Loss l = loss != null ? loss
        : backbone.output() == Backbone.Output.COORDINATES ? Loss.l1Loss() : new HeatmapMseLoss(foregroundWeight);
    return new LandmarkNet(this, e, l, form);
  }

  static RmsProp.Form checkForm(RmsProp.Form form, String engineName) {
    if (form == RmsProp.Form.MXNET_ADAM && !"MXNet".equals(engineName)) {
      throw new IllegalArgumentException("RMSprop form " + form + " needs the MXNet engine");
    }
    return form;
  }
}
