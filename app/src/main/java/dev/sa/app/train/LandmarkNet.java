package dev.sa.app.train;

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
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import dev.sa.api.Backbone;
import dev.sa.app.data.BatchSource;
import dev.sa.app.run.AtomicFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A backbone with its parameters, optimiser state and the training step. Heatmap backbones train
 * with MSE summed over stacks (intermediate supervision), optionally weighted per pixel (the
 * chi-square loss of Eq. 9); coordinate backbones with L1 on crop-normalised coordinates.
 */
public final class LandmarkNet implements AutoCloseable {
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
  private double foregroundWeight;

  public LandmarkNet(Backbone backbone, int landmarks, int inputSize, int heatmapSize, long seed, Device device,
      double rmsAlpha, double rmsEpsilon, double weightDecay) {
    this.manager = NDManager.newBaseManager(device);
    this.backbone = backbone;
    this.block = backbone.block();
    this.landmarks = landmarks;
    this.inputSize = inputSize;
    this.heatmapSize = heatmapSize;
    this.rmsAlpha = rmsAlpha;
    this.rmsEpsilon = rmsEpsilon;
    this.weightDecay = weightDecay;
    Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
    block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, inputSize, inputSize));
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        trainable.add(p.getValue());
      }
    }
    this.store = new ParameterStore(manager, false);
    this.optimizer = new RmsProp(rmsAlpha, rmsEpsilon, weightDecay);
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

  /** Number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : trainable) {
      n += p.getArray().getShape().size();
    }
    return n;
  }

  /** One optimiser step on a batch; returns the loss. */
  public float trainStep(BatchSource.Batch batch, double lr) {
    float value;
    try (NDManager step = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray x = step.create(batch.images(), new Shape(batch.size(), 3, inputSize, inputSize));
      NDList out = block.forward(store, new NDList(x), true);
      NDArray loss = loss(step, batch, out);
      collector.backward(loss);
      value = loss.getFloat();
    }
    optimizer.step(trainable, lr);
    if (!Float.isFinite(value)) {
      throw dev.sa.api.SaException.runtime("training diverged: loss is " + value
          + "; lower the learning rate (train.schedule.lr / sa.schedule.lr)", null);
    }
    return value;
  }

  private NDArray loss(NDManager step, BatchSource.Batch batch, NDList out) {
    int b = batch.size();
    if (backbone.output() == Backbone.Output.COORDINATES) {
      NDArray y = step.create(batch.targetsInCrop(), new Shape(b, 2L * landmarks)).div(inputSize);
      return out.get(0).sub(y).abs().mean();
    }
    Shape shape = new Shape(b, landmarks, heatmapSize, heatmapSize);
    NDArray y = step.create(batch.targets(), shape);
    NDArray w = batch.weights() == null ? null : step.create(batch.weights(), shape);
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

  /** Like {@link #predict} but leaves the result on the engine, attached to {@code step}. */
  public NDArray predictArray(NDManager step, float[] images, int batchSize) {
    NDArray x = step.create(images, new Shape(batchSize, 3, inputSize, inputSize));
    NDList out = block.forward(store, new NDList(x), false);
    NDArray last = out.get(out.size() - 1);
    last.attach(step);
    return last;
  }

  /** Writes parameters and optimiser state under {@code dir}, each file atomically. */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve("model.params"), out -> block.saveParameters(new DataOutputStream(out)));
    byte[] state = optimizer.state().encode();
    AtomicFiles.write(dir.resolve("optimizer.bin"), out -> out.write(state));
  }

  /** Reads what {@link #save} wrote; a missing optimiser file starts a fresh optimiser. */
  public void load(Path dir) throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve("model.params"))) {
      block.loadParameters(manager, new DataInputStream(in));
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException(dir.resolve("model.params") + ": not a parameter file of this backbone: " + e.getMessage(), e);
    }
    // Loading replaces the parameter arrays: the new ones must record gradients again, and the
    // parameter store, which caches the arrays it has handed out, must start afresh.
    for (Parameter p : trainable) {
      p.getArray().setRequiresGradient(true);
    }
    store = new ParameterStore(manager, false);
    Path opt = dir.resolve("optimizer.bin");
    optimizer = new RmsProp(rmsAlpha, rmsEpsilon, weightDecay);
    if (Files.exists(opt)) {
      try (NDManager tmp = manager.newSubManager()) {
        NDList state = NDList.decode(tmp, Files.readAllBytes(opt));
        if (!state.isEmpty()) {
          optimizer.restore(state, manager);
        }
      }
    }
  }

  /** Per-pixel MSE weight {@code 1 + fw * target}; 0 is plain MSE. */
  public void setForegroundWeight(double fw) {
    this.foregroundWeight = fw;
  }

  /** Starts a fresh optimiser (a new phase with its own schedule keeps the weights only). */
  public void resetOptimizer() {
    optimizer = new RmsProp(rmsAlpha, rmsEpsilon, weightDecay);
  }

  @Override
  public void close() {
    manager.close();
  }
}
