package dev.sa.app.train;

import dev.sa.api.EngineArrays;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import dev.sa.api.Backbone;
import dev.sa.app.data.BatchSource;
import dev.sa.support.AtomicFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A backbone with its parameters, optimiser state and the training step. Heatmap backbones train
 * with MSE summed over stacks (intermediate supervision), optionally weighted per pixel (the
 * chi-square loss of Eq. 9); coordinate backbones with L1 on crop-normalised coordinates.
 *
 * <p>Devices. With one device (the default) a step is forward, backward and update on that
 * device. With several, each batch {@code (B, 3, S, S)} is split into contiguous slices, one per
 * device; each device runs forward and backward on its slice against its own mirror of the
 * parameters (one gradient collector for all), the gradients are summed onto the first device's
 * copy in device order, the optimiser updates that copy once, and the result is copied to every
 * mirror. Each slice's loss is weighted by its share of the batch, so the summed gradient is the
 * whole batch's. BatchNorm uses per-slice statistics (not synchronised); the first device's
 * running averages are copied to the others after every step.
 *
 * <p>Engine. {@code engine} names a DJL engine ({@code MXNet}, {@code PyTorch}); null is DJL's
 * default. Every array of the network lives on that engine.
 */
public final class LandmarkNet implements AutoCloseable {
  private final Engine engine;
  private final List<Device> devices;
  private final NDManager manager;
  private final Backbone backbone;
  private final Block block;
  private final int landmarks;
  private final int inputSize;
  private final int heatmapSize;
  private ParameterStore store;
  private final List<Parameter> trainable = new ArrayList<>();
  private RmsProp optimizer;
  private final double rmsAlpha;
  private final double rmsEpsilon;
  private final double weightDecay;
  private RmsProp.Form optimizerForm;
  private double foregroundWeight;
  private ai.djl.training.loss.Loss coordinateLoss;
  /** The network as one MXNet graph (MXNet, one device), or null: operator by operator. */
  private MxGraph graph;

  public LandmarkNet(Backbone backbone, int landmarks, int inputSize, int heatmapSize, long seed, Device device,
      double rmsAlpha, double rmsEpsilon, double weightDecay) {
    this(backbone, landmarks, inputSize, heatmapSize, seed, List.of(device), null, rmsAlpha, rmsEpsilon, weightDecay);
  }

  /**
   * @param devices one or more distinct devices; parameters live on the first, batches are split
   *     across all
   * @param engine DJL engine name ({@code MXNet}, {@code PyTorch}) or null for DJL's default
   */
  public LandmarkNet(Backbone backbone, int landmarks, int inputSize, int heatmapSize, long seed,
      List<Device> devices, String engine, double rmsAlpha, double rmsEpsilon, double weightDecay) {
    if (devices.isEmpty() || devices.stream().distinct().count() != devices.size()) {
      throw new IllegalArgumentException("devices: one or more distinct devices are needed, got " + devices);
    }
    this.devices = List.copyOf(devices);
    this.engine = engine == null ? Engine.getInstance() : Engine.getEngine(engine);
    this.manager = this.engine.newBaseManager(this.devices.get(0));
    this.backbone = backbone;
    this.block = backbone.block();
    this.landmarks = landmarks;
    this.inputSize = inputSize;
    this.heatmapSize = heatmapSize;
    this.rmsAlpha = rmsAlpha;
    this.rmsEpsilon = rmsEpsilon;
    this.weightDecay = weightDecay;
    // Measured by `sa bench` (bench/README.md): fusing halves the optimiser's time on PyTorch but
    // doubles it on MXNet, whose concat and many-way split are slow; there MXNet's own adam_update
    // with beta1 = 0 (the same formula) is one operator per parameter. All give the same weights.
    this.optimizerForm = "MXNet".equals(this.engine.getEngineName()) ? RmsProp.Form.MXNET_ADAM : RmsProp.Form.FUSED;
    this.engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, inputSize, inputSize));
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        trainable.add(p.getValue());
      }
    }
    this.store = newStore();
    this.optimizer = newOptimizer();
    setGraph("static");
  }

  /** The values of the config key {@code graph}; see {@link #setGraph}. */
  public static final List<String> GRAPH_MODES = List.of("static", "dynamic", "off");

  /**
   * How the network runs on MXNet with one device (config key {@code graph}): {@code static} as one
   * recorded graph with its memory planned once ({@link MxGraph}; fastest, least memory),
   * {@code dynamic} as one graph taking memory from the pool at every call, {@code off} operator by
   * operator. Other engines and several devices always run operator by operator. All give the same
   * results up to float rounding.
   */
  public void setGraph(String value) {
    String mode = graphMode(value);
    if (graph != null) {
      graph.close();
      graph = null;
    }
    if (!mode.equals("off") && devices.size() == 1 && "MXNet".equals(engine.getEngineName())) {
      graph = new MxGraph(block, mode.equals("static"));
    }
  }

  /**
   * The graph mode a config value names, one of {@link #GRAPH_MODES}; YAML reads
   * an unquoted {@code off} as the boolean false, so {@code false} means {@code off}.
   *
   * @throws IllegalArgumentException naming the valid values
   */
  public static String graphMode(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("false")) {
      return "off";
    }
    if (!GRAPH_MODES.contains(v)) {
      throw new IllegalArgumentException("graph: '" + value + "' is not one of " + GRAPH_MODES);
    }
    return v;
  }

  /** The MXNet graph, or null (for tests). */
  MxGraph mxGraph() {
    return graph;
  }

  /** Whether the network runs as one MXNet graph (see {@link #setGraph}). */
  public boolean graph() {
    return graph != null;
  }

  private NDList forward(NDArray x, boolean training) {
    if (graph != null) {
      try {
        return graph.forward(store, x, training);
      } catch (MxGraph.Unsupported e) {
        System.err.println("sa: " + e.getMessage() + "; running the network operator by operator");
        setGraph("off");
      }
    }
    return block.forward(store, new NDList(x), training);
  }

  /** The DJL engine name of a config {@code engine} value: mxnet is MXNet, pytorch is PyTorch. */
  public static String engineName(String configValue) {
    return switch (configValue.trim().toLowerCase(Locale.ROOT)) {
      case "mxnet" -> "MXNet";
      case "pytorch" -> "PyTorch";
      default -> throw new IllegalArgumentException("engine: '" + configValue + "' is not one of [mxnet, pytorch]");
    };
  }

  /**
   * Makes a config's {@code engine} DJL's default engine for this process, so that arrays made by
   * plugins through {@code NDManager.newBaseManager()} live on the network's engine. DJL fixes its
   * default when its {@code Engine} class loads, so call this before the first DJL call.
   *
   * @throws IllegalStateException if the engine is not on the class path or DJL already chose
   *     another default
   */
  public static void selectEngine(String configValue) {
    String name = engineName(configValue);
    System.setProperty("ai.djl.default_engine", name);
    // The natives come from jars on the class path; never download them at run time.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (!Engine.hasEngine(name)) {
      throw new IllegalStateException("engine: " + configValue + " is not on the class path; engines present: "
          + Engine.getAllEngines());
    }
    if (!Engine.getDefaultEngineName().equals(name)) {
      throw new IllegalStateException("engine: DJL already started with " + Engine.getDefaultEngineName()
          + "; choose the engine before the first DJL call");
    }
  }

  /** The devices of a config {@code devices} value: {@code cpu}, {@code gpu} (GPU 0) or {@code gpu:0,1}. */
  public static List<Device> devices(String spec) {
    String d = spec.trim().toLowerCase(Locale.ROOT);
    if (d.equals("cpu")) {
      return List.of(Device.cpu());
    }
    if (d.equals("gpu")) {
      return List.of(Device.gpu(0));
    }
    if (d.startsWith("gpu:")) {
      List<Device> out = new ArrayList<>();
      for (String id : d.substring(4).split(",")) {
        try {
          out.add(Device.gpu(Integer.parseInt(id.trim())));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("devices: '" + spec + "': '" + id.trim() + "' is not a GPU number");
        }
      }
      return List.copyOf(out);
    }
    throw new IllegalArgumentException("devices: '" + spec + "' is not valid; use cpu, gpu or gpu:0,1");
  }

  /**
   * Sizes of the contiguous slices of a batch of {@code batch} faces over {@code devices}
   * devices: as even as possible, the first devices taking one more, zero where devices
   * outnumber faces.
   */
  public static int[] slices(int batch, int devices) {
    int[] sizes = new int[devices];
    for (int d = 0; d < devices; d++) {
      sizes[d] = batch / devices + (d < batch % devices ? 1 : 0);
    }
    return sizes;
  }

  public Backbone.Output output() {
    return backbone.output();
  }

  public NDManager manager() {
    return manager;
  }

  public int landmarks() {
    return landmarks;
  }

  public int heatmapSize() {
    return heatmapSize;
  }

  /** The devices a batch is split across; the parameters live on the first. */
  public List<Device> devices() {
    return devices;
  }

  /** The name of the engine the network's arrays live on. */
  public String engineName() {
    return engine.getEngineName();
  }

  /** Number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : trainable) {
      n += p.getArray().getShape().size();
    }
    return n;
  }

  /**
   * Chooses the fused or the per-parameter RMSprop (default: MXNet's adam_update on MXNet, fused
   * elsewhere); all give the same weights. Starts a fresh optimiser.
   */
  public void setFusedOptimizer(boolean fused) {
    setOptimizerForm(fused ? RmsProp.Form.FUSED : RmsProp.Form.PER_PARAMETER);
  }

  /** Chooses how RMSprop runs (see {@link RmsProp.Form}). Starts a fresh optimiser. */
  public void setOptimizerForm(RmsProp.Form form) {
    if (form == RmsProp.Form.MXNET_ADAM && !"MXNet".equals(engine.getEngineName())) {
      throw new IllegalArgumentException("RMSprop form " + form + " needs the MXNet engine");
    }
    this.optimizerForm = form;
    optimizer = newOptimizer();
  }

  /** Whether the optimiser runs fused (see {@link RmsProp}). */
  public boolean fusedOptimizer() {
    return optimizerForm == RmsProp.Form.FUSED;
  }

  /** How the optimiser runs (see {@link RmsProp.Form}). */
  public RmsProp.Form optimizerForm() {
    return optimizerForm;
  }

  /** One optimiser step on a batch; returns the loss. */
  public float trainStep(BatchSource.Batch batch, double lr) {
    float value;
    if (devices.size() == 1) {
      try (NDManager step = manager.newSubManager();
          GradientCollector collector = engine.newGradientCollector()) {
        NDArray x = EngineArrays.create(step, batch.images(), new Shape(batch.size(), 3, inputSize, inputSize));
        NDList out = forward(x, true);
        NDArray loss = loss(step, batch, 0, batch.size(), out);
        collector.backward(loss);
        value = loss.getFloat();
      }
      optimizer.step(trainable, lr);
    } else {
      value = splitStep(batch, lr);
    }
    if (!"MXNet".equals(engine.getEngineName())) {
      clearGradients();
    }
    if (!Float.isFinite(value)) {
      throw dev.sa.api.SaException.runtime("training diverged: loss is " + value
          + "; lower the learning rate (train.schedule.lr / sa.schedule.lr)", null);
    }
    return value;
  }

  /**
   * PyTorch adds every backward pass to the gradients (MXNet overwrites them): clear them after the
   * update so that each step sees its own batch's gradient only.
   */
  private void clearGradients() {
    for (Parameter p : trainable) {
      try (NDArray g = p.getArray().getGradient()) {
        g.subi(g);
      }
    }
  }

  /** Every parameter of the block, running statistics included, flattened in order (for tests). */
  public float[] parameterValues() {
    List<float[]> parts = new ArrayList<>();
    int n = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      float[] v = p.getValue().getArray().toFloatArray();
      parts.add(v);
      n += v.length;
    }
    float[] all = new float[n];
    int at = 0;
    for (float[] v : parts) {
      System.arraycopy(v, 0, all, at, v.length);
      at += v.length;
    }
    return all;
  }

  /** A copy of the first trainable parameter's gradient (for tests). */
  public float[] firstGradient() {
    try (NDArray g = trainable.get(0).getArray().getGradient()) {
      return g.toFloatArray();
    }
  }

  /** A step with the batch split across the devices (see the class comment). */
  private float splitStep(BatchSource.Batch batch, double lr) {
    int b = batch.size();
    int[] sizes = slices(b, devices.size());
    int pixels = 3 * inputSize * inputSize;
    float value = 0;
    try (NDManager step = manager.newSubManager();
        GradientCollector collector = engine.newGradientCollector()) {
      int from = 0;
      for (int d = 0; d < devices.size() && sizes[d] > 0; d++) {
        int n = sizes[d];
        NDManager on = step.newSubManager(devices.get(d));
        NDArray x = EngineArrays.create(on, slice(batch.images(), from, n, pixels), new Shape(n, 3, inputSize, inputSize));
        NDList out = block.forward(store, new NDList(x), true);
        NDArray loss = loss(on, batch, from, n, out).mul((float) n / b);
        collector.backward(loss);
        value += loss.getFloat();
        from += n;
      }
    }
    int used = Math.min(devices.size(), b);
    for (Parameter p : trainable) {
      try (NDArray g = p.getArray().getGradient()) {
        for (int d = 1; d < used; d++) {
          try (NDArray gd = store.getValue(p, devices.get(d), true).getGradient();
              NDArray moved = gd.toDevice(devices.get(0), true)) {
            g.addi(moved);
          }
        }
      }
    }
    optimizer.step(trainable, lr);
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray main = p.getValue().getArray();
      for (int d = 1; d < devices.size(); d++) {
        main.copyTo(store.getValue(p.getValue(), devices.get(d), true));
      }
    }
    return value;
  }

  /** Faces {@code [from, from + n)} of a per-face array with {@code len} values per face. */
  private static float[] slice(float[] values, int from, int n, int len) {
    return from == 0 && values.length == n * len ? values : Arrays.copyOfRange(values, from * len, (from + n) * len);
  }

  /** The loss of faces {@code [from, from + n)} of the batch against the network's output for them. */
  private NDArray loss(NDManager step, BatchSource.Batch batch, int from, int n, NDList out) {
    if (backbone.output() == Backbone.Output.COORDINATES) {
      int len = 2 * landmarks;
      NDArray y = EngineArrays.create(step, slice(batch.targetsInCrop(), from, n, len), new Shape(n, len))
          .div(inputSize);
      if (coordinateLoss != null) {
        return coordinateLoss.evaluate(new NDList(y), new NDList(out.get(0)));
      }
      return out.get(0).sub(y).abs().mean();
    }
    Shape shape = new Shape(n, landmarks, heatmapSize, heatmapSize);
    int len = landmarks * heatmapSize * heatmapSize;
    NDArray y = EngineArrays.create(step, slice(batch.targets(), from, n, len), shape);
    NDArray w = batch.weights() == null ? null
        : EngineArrays.create(step, slice(batch.weights(), from, n, len), shape);
    if (foregroundWeight > 0) {
      NDArray fg = y.mul((float) foregroundWeight).add(1f);
      w = w == null ? fg : w.mul(fg);
    }
    NDArray total = null;
    for (NDArray h : out) {
      NDArray sq = h.sub(y).square();
      if (w != null) {
        sq = sq.mul(w);
      }
      NDArray l = sq.mean();
      total = total == null ? l : total.add(l);
    }
    return total;
  }

  /**
   * Runs the network without training. Returns the last stack's heatmaps {@code (B, N, h, h)}
   * flattened, or coordinates {@code (B, 2N)} in crop pixels for a regression backbone.
   */
  public float[] predict(float[] images, int batchSize) {
    try (NDManager step = manager.newSubManager()) {
      NDArray out = predictArray(step, images, batchSize);
      float[] v = out.toFloatArray();
      if (backbone.output() == Backbone.Output.COORDINATES) {
        for (int i = 0; i < v.length; i++) {
          v[i] = v[i] * inputSize;
        }
      }
      return v;
    }
  }

  /**
   * Like {@link #predict} but leaves the result on the engine, attached to {@code step}. Runs on
   * the first device only.
   */
  public NDArray predictArray(NDManager step, float[] images, int batchSize) {
    NDArray x = EngineArrays.create(step, images, new Shape(batchSize, 3, inputSize, inputSize));
    NDList out = forward(x, false);
    NDArray last = out.get(out.size() - 1);
    last.attach(step);
    return last;
  }

  /** Whether the network normalises by batch statistics in training (it has running averages). */
  public boolean hasBatchStatistics() {
    return !runningStatistics().isEmpty();
  }

  /**
   * Like {@link #predictArray} but with the network in training mode: BatchNorm normalises by the
   * statistics of this batch, as in a training step, instead of its running averages. The running
   * averages are restored afterwards (PyTorch moves them in a training-mode forward pass) and no
   * weight changes, so this only observes.
   */
  public NDArray predictArrayWithBatchStatistics(NDManager step, float[] images, int batchSize) {
    List<Parameter> running = runningStatistics();
    List<NDArray> saved = new ArrayList<>();
    for (Parameter p : running) {
      saved.add(p.getArray().duplicate());
    }
    try (GradientCollector collector = engine.newGradientCollector()) {
      NDArray x = EngineArrays.create(step, images, new Shape(batchSize, 3, inputSize, inputSize));
      NDList out = forward(x, true);
      NDArray last = out.get(out.size() - 1);
      last.attach(step);
      return last;
    } finally {
      for (int i = 0; i < running.size(); i++) {
        saved.get(i).copyTo(running.get(i).getArray());
        saved.get(i).close();
      }
    }
  }

  private List<Parameter> runningStatistics() {
    List<Parameter> running = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter.Type t = p.getValue().getType();
      if (t == Parameter.Type.RUNNING_MEAN || t == Parameter.Type.RUNNING_VAR) {
        running.add(p.getValue());
      }
    }
    return running;
  }

  /** Writes parameters and optimiser state under {@code dir}, each file atomically. */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve("model.params"), out -> block.saveParameters(new DataOutputStream(out)));
    byte[] state;
    try (NDManager tmp = manager.newSubManager()) {
      state = optimizer.state(tmp).encode();
    }
    AtomicFiles.write(dir.resolve("optimizer.bin"), out -> out.write(state));
  }

  /** Reads what {@link #save} wrote; a missing optimiser file starts a fresh optimiser. */
  public void load(Path dir) throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve("model.params"))) {
      block.loadParameters(manager, new DataInputStream(in));
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException(dir.resolve("model.params") + ": not a parameter file of this backbone (made with other"
          + " backbone options? an hourglass trained before 2026-12-06 needs backbone.options.norm: batch): "
          + e.getMessage(), e);
    }
    // Loading replaces the parameter arrays: the new ones must record gradients again, and the
    // parameter store, which caches the arrays it has handed out, must start afresh.
    for (Parameter p : trainable) {
      p.getArray().setRequiresGradient(true);
    }
    store = newStore();
    if (graph != null) {
      graph.close(); // recorded against the old arrays; recorded again at the next call
    }
    Path opt = dir.resolve("optimizer.bin");
    optimizer = newOptimizer();
    if (Files.exists(opt)) {
      try (NDManager tmp = manager.newSubManager()) {
        NDList state = NDList.decode(tmp, Files.readAllBytes(opt));
        if (!state.isEmpty()) {
          optimizer.restore(state, manager);
        }
      }
    }
  }

  /**
   * The loss of a regression backbone on crop-normalised coordinates (e.g. the resnet plugin's
   * wing loss); null keeps L1.
   */
  public void setCoordinateLoss(ai.djl.training.loss.Loss loss) {
    this.coordinateLoss = loss;
  }

  /** Per-pixel MSE weight {@code 1 + fw * target}; 0 is plain MSE. */
  public void setForegroundWeight(double fw) {
    this.foregroundWeight = fw;
  }

  /** Starts a fresh optimiser (a new phase with its own schedule keeps the weights only). */
  public void resetOptimizer() {
    optimizer = newOptimizer();
  }

  private RmsProp newOptimizer() {
    return new RmsProp(rmsAlpha, rmsEpsilon, weightDecay, optimizerForm);
  }

  /**
   * One device: the store hands out the parameters' own arrays. Several: it mirrors them on every
   * device; each parameter is asked for on the first device first, so that mirror is the
   * parameter's own array (the one the optimiser updates and checkpoints save).
   */
  private ParameterStore newStore() {
    if (devices.size() == 1) {
      return new ParameterStore(manager, false);
    }
    ParameterStore s = new ParameterStore(manager, true);
    s.setParameterServer(new Mirrors(), devices.toArray(new Device[0]));
    for (Pair<String, Parameter> p : block.getParameters()) {
      s.getValue(p.getValue(), devices.get(0), true);
    }
    return s;
  }

  /** The store's parameter server: the split step keeps the mirrors in step itself. */
  private static final class Mirrors implements ParameterServer {
    @Override
    public void init(String parameterId, NDArray[] value) {}

    @Override
    public void update(String parameterId, NDArray[] grads, NDArray[] params) {
      throw new UnsupportedOperationException("LandmarkNet updates its mirrors itself");
    }

    @Override
    public void close() {}
  }

  @Override
  public void close() {
    setGraph("off");
    manager.close();
  }
}
