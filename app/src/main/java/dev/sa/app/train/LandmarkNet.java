package dev.sa.app.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import dev.sa.api.Backbone;
import dev.sa.api.SaException;
import dev.sa.app.config.Choices.GraphMode;
import dev.sa.app.config.Devices;
import dev.sa.app.data.BatchSource;
import dev.sa.app.train.graph.NetGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * A backbone with its parameters, optimiser state and the training step, made by
 * {@link #builder()}. Losses are DJL {@link Loss} objects: a batch without per-pixel weights trains
 * with {@link LandmarkNetBuilder#optLoss the loss} (heatmaps: MSE weighted by the foreground weight,
 * summed over stacks; coordinates: L1 on crop-normalised coordinates, or the backbone plugin's own),
 * a batch with weights (SA's chi-square loss) with {@link LandmarkNetBuilder#optWeightedLoss the
 * weighted loss} (Eq. 9 as written).
 *
 * <p>This class holds the network's life: building it from the builder's settings, the training
 * step, inference and checkpoint IO. What a batch trains against is {@link BatchLoss}; the block's
 * parameters, gradients and running statistics are {@link NetParameters}; files are {@link NetFiles}.
 *
 * <p>Devices: with one device (the default) a step is forward, backward and update on that device;
 * with several the batch is split ({@link SplitStep}). Engine: every array of the network lives on
 * the engine the builder names (DJL's default if none). Graph: on MXNet with one device the network
 * runs as one recorded graph unless the mode is {@code off} ({@link NetGraph}).
 */
public final class LandmarkNet implements AutoCloseable {
  private final Engine engine;
  private final Devices devices;
  private final NDManager manager;
  private final Backbone backbone;
  private final Block block;
  private final int landmarks;
  private final int inputSize;
  private final int heatmapSize;
  private final NetParameters parameters;
  private final BatchLoss batchLoss;
  private final RmsProp.Settings rmsProp;
  private ParameterStore store;
  private RmsProp optimizer;
  private final RmsProp.Form optimizerForm;
  /** The network as one engine graph, or null: operator by operator. */
  private NetGraph graph;

  LandmarkNet(LandmarkNetBuilder b, Engine engine, Loss loss, RmsProp.Form optimizerForm) {
    this.devices = b.devices;
    this.engine = engine;
    this.manager = engine.newBaseManager(devices.first());
    this.backbone = b.backbone;
    this.block = backbone.block();
    this.landmarks = b.landmarks;
    this.inputSize = b.inputSize;
    this.heatmapSize = b.heatmapSize;
    this.batchLoss = new BatchLoss(backbone.output(), b.landmarks, b.inputSize, b.heatmapSize, loss, b.weightedLoss);
    this.rmsProp = b.rmsProp;
    this.optimizerForm = optimizerForm;
    engine.setRandomSeed((int) (b.seed ^ (b.seed >>> 32)));
    block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, inputSize, inputSize));
    this.parameters = new NetParameters(block);
    this.store = SplitStep.newStore(manager, block, devices.list());
    this.optimizer = newOptimizer();
    setGraph(b.graph);
  }

  /** A builder: backbone, landmarks and sizes required; the rest optional. */
  public static LandmarkNetBuilder builder() {
    return new LandmarkNetBuilder();
  }

  /**
   * Switches how the network runs (config key {@code graph}, {@link GraphMode}); the graph also
   * turns itself off, with a line on stderr, when the block cannot run as one.
   */
  public void setGraph(GraphMode mode) {
    if (graph != null) {
      graph.close();
    }
    graph = NetGraph.of(mode, block, engine.getEngineName(), devices.size());
  }

  /** Whether the network runs as one engine graph (see {@link #setGraph}). */
  public boolean runsAsGraph() {
    return graph != null;
  }

  /** The graph the network runs as, or null (for tests). */
  public NetGraph netGraph() {
    return graph;
  }

  private NDList forward(NDArray x, boolean training) {
    if (graph != null) {
      try {
        return graph.forward(store, x, training);
      } catch (NetGraph.Unsupported e) {
        System.err.println("sa: " + e.getMessage() + "; running the network operator by operator");
        setGraph(GraphMode.OFF);
      }
    }
    return block.forward(store, new NDList(x), training);
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
  public Devices devices() {
    return devices;
  }

  /** The name of the engine the network's arrays live on. */
  public String engineName() {
    return engine.getEngineName();
  }

  /** The loss of batches without per-pixel weights. */
  public Loss loss() {
    return batchLoss.loss();
  }

  /** Number of trainable scalars. */
  public long parameterCount() {
    return parameters.count();
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
        NDList out = forward(batchLoss.input(step, batch, 0, batch.size()), true);
        NDArray l = batchLoss.loss(step, batch, 0, batch.size(), out);
        collector.backward(l);
        value = l.getFloat();
      }
      optimizer.step(parameters.trainable(), lr);
    } else {
      SplitStep.NetParts parts = new SplitStep.NetParts(devices.list(), manager, engine, block, store,
          parameters.trainable());
      value = SplitStep.forwardBackward(parts, batch.size(), (on, from, n) -> batchLoss.input(on, batch, from, n),
          (on, from, n, out) -> batchLoss.loss(on, batch, from, n, out));
      optimizer.step(parameters.trainable(), lr);
      SplitStep.copyToMirrors(parts);
    }
    if (!"MXNet".equals(engine.getEngineName())) {
      parameters.clearGradients();
    }
    if (!Float.isFinite(value)) {
      throw SaException.runtime("training diverged: loss is " + value
          + "; lower the learning rate (train.schedule.lr / sa.schedule.lr)", null);
    }
    return value;
  }

  /**
   * Replaces BatchNorm's running averages by the average of the batch statistics of up to
   * {@code maxBatches} of {@code batches} at the current weights ({@link RunningStatistics}): each
   * batch runs the training step's forward and backward passes, without a weight update. The
   * optimiser's state and the weights are untouched. Returns the batches used (0 without BatchNorm).
   */
  public int reestimateRunningStatistics(Iterator<BatchSource.Batch> batches, int maxBatches) {
    RunningStatistics running = new RunningStatistics(block);
    if (running.isEmpty()) {
      return 0;
    }
    try {
      for (int n = 0; n < maxBatches && batches.hasNext(); n++) {
        BatchSource.Batch batch = batches.next();
        sync();
        running.beforeBatch();
        try (NDManager step = manager.newSubManager();
            GradientCollector collector = engine.newGradientCollector()) {
          NDList out = forward(batchLoss.input(step, batch, 0, batch.size()), true);
          collector.backward(batchLoss.loss(step, batch, 0, batch.size(), out));
        }
        sync();
        running.afterBatch();
      }
    } catch (RuntimeException e) {
      running.restore();
      throw e;
    } finally {
      if (!"MXNet".equals(engine.getEngineName())) {
        parameters.clearGradients();
      }
    }
    int used = running.finish();
    sync();
    if (devices.size() > 1) {
      SplitStep.copyToMirrors(new SplitStep.NetParts(devices.list(), manager, engine, block, store,
          parameters.trainable()));
    }
    return used;
  }

  /** Waits for the graph's passes, side effects included ({@link NetGraph#sync}). */
  private void sync() {
    if (graph != null) {
      graph.sync();
    }
  }

  /** Every parameter of the block, running statistics included, flattened in order (for tests). */
  public float[] parameterValues() {
    return parameters.values();
  }


  /** The trainable parameters, flattened in order (for tests). */
  float[] trainableValues() {
    return parameters.trainableValues();
  }

  /** A copy of the first trainable parameter's gradient (for tests). */
  float[] firstGradient() {
    return parameters.firstGradient();
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
    return lastStack(step, forward(batchLoss.images(step, images, batchSize), false));
  }

  /** The last array of the network's output, attached to {@code step}. */
  private static NDArray lastStack(NDManager step, NDList out) {
    NDArray last = out.get(out.size() - 1);
    last.attach(step);
    return last;
  }

  /** Whether the network normalises by batch statistics in training (it has running averages). */
  public boolean hasBatchStatistics() {
    return parameters.hasRunningStatistics();
  }

  /**
   * Like {@link #predictArray} but with the network in training mode: BatchNorm normalises by the
   * statistics of this batch, as in a training step, instead of its running averages. The running
   * averages are restored afterwards (PyTorch moves them in a training-mode forward pass) and no
   * weight changes, so this only observes.
   */
  public NDArray predictArrayWithBatchStatistics(NDManager step, float[] images, int batchSize) {
    return parameters.keepingRunningStatistics(() -> {
      try (GradientCollector collector = engine.newGradientCollector()) {
        return lastStack(step, forward(batchLoss.images(step, images, batchSize), true));
      }
    });
  }

  /**
   * Writes parameters and optimiser state under {@code dir}, each file atomically ({@link NetFiles});
   * an optimiser that has not stepped yet has no state file.
   */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    NetFiles.writeParameters(block, dir);
    try (NDManager tmp = manager.newSubManager()) {
      NetFiles.writeOptimizer(optimizer.state(tmp), dir);
    }
  }

  /**
   * Reads what {@link #save} wrote; a missing optimiser file starts a fresh optimiser.
   *
   * @throws IOException naming the file that is truncated, corrupt or of another backbone
   */
  public void load(Path dir) throws IOException {
    NetFiles.readParameters(block, manager, dir);
    // Loading replaces the parameter arrays: the new ones must record gradients again, and the
    // parameter store, which caches the arrays it has handed out, must start afresh.
    parameters.requireGradients();
    store = SplitStep.newStore(manager, block, devices.list());
    if (graph != null) {
      graph.close(); // recorded against the old arrays; recorded again at the next call
    }
    optimizer = newOptimizer();
    try (NDManager tmp = manager.newSubManager()) {
      NDList state = NetFiles.readOptimizer(tmp, dir);
      if (state != null && !state.isEmpty()) {
        optimizer.restore(state, manager);
      }
    }
  }

  /**
   * Loads the parameters of the checkpoint folder {@code dir} ({@link #save}'s {@code model.params})
   * into {@code block}, a backbone's block built with the same options, attached to {@code manager}:
   * how a block that lives outside a {@code LandmarkNet} (a DJL model's) takes trained weights.
   *
   * @throws IOException naming the file that is truncated, corrupt or of another backbone
   */
  public static void loadParameters(ai.djl.nn.Block block, NDManager manager, Path dir) throws IOException {
    NetFiles.readParameters(block, manager, dir);
  }

  /** Starts a fresh optimiser (a new phase with its own schedule keeps the weights only). */
  public void resetOptimizer() {
    optimizer = newOptimizer();
  }

  private RmsProp newOptimizer() {
    return new RmsProp(rmsProp.alpha(), rmsProp.epsilon(), rmsProp.weightDecay(), optimizerForm);
  }

  @Override
  public void close() {
    setGraph(GraphMode.OFF);
    manager.close();
  }
}
