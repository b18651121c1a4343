package dev.sa.plugins.ghcu;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.sa.api.EngineArrays;
import dev.sa.api.RefinerData;
import dev.sa.api.SaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the GHCU network of paper Table 1 on (heatmaps, y^) pairs with Adam: seeded shuffling of
 * the faces every epoch, seeded He initialisation, one log line per epoch.
 */
final class GhcuTraining {
  private final Model model;
  private final SequentialBlock network;
  private final int landmarks;
  private final int heatmapSize;
  private final long seed;
  private final GhcuOptions options;

  GhcuTraining(Model model, SequentialBlock network, int landmarks, int heatmapSize, long seed, GhcuOptions options) {
    this.model = model;
    this.network = network;
    this.landmarks = landmarks;
    this.heatmapSize = heatmapSize;
    this.seed = seed;
    this.options = options;
  }

  void run(RefinerData data, Consumer<String> log) {
    int faces = data.size();
    if (faces < 2) {
      throw SaException.invalidInput("refiner ghcu: needs at least 2 training faces (BatchNorm), got " + faces);
    }
    int batch = Math.min(options.batch(), faces);
    Loss loss = GhcuOptions.MSE.equals(options.loss()) ? Loss.l2Loss("mse", 1f) : Loss.l1Loss();
    // A last partial batch of fewer than `batch` faces is dropped: tiny batches make BatchNorm's
    // statistics noisy, and the next epoch's shuffle uses those faces anyway.
    int steps = faces / batch;
    float lr = options.lr().floatValue();
    Tracker schedule = GhcuOptions.CONSTANT.equals(options.schedule()) ? Tracker.fixed(lr)
        : Tracker.cosine().setBaseValue(lr).optFinalValue(lr / 100).setMaxUpdates(steps * options.epochs()).build();
    Optimizer adam = Optimizer.adam().optLearningRateTracker(schedule).build();
    DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(adam)
        .optDevices(new Device[] {model.getNDManager().getDevice()});
    Random random = new Random(seed ^ 0x6863_7500L);
    try (Trainer trainer = model.newTrainer(config)) {
      trainer.initialize(new Shape(batch, landmarks, heatmapSize, heatmapSize));
      initialise(random);
      int[] order = new int[faces];
      for (int i = 0; i < faces; i++) {
        order[i] = i;
      }
      for (int epoch = 1; epoch <= options.epochs(); epoch++) {
        long start = System.nanoTime();
        shuffle(order, random);
        double lossSum = 0;
        double errorSum = 0;
        for (int s = 0; s < steps; s++) {
          try (NDManager bm = trainer.getManager().newSubManager()) {
            RefinerData.Batch b = gather(data, bm, order, s * batch, (s + 1) * batch);
            double[] step = step(trainer, loss, b, batch);
            lossSum += step[0];
            errorSum += step[1];
          }
        }
        double meanLoss = lossSum / steps;
        if (!Double.isFinite(meanLoss)) {
          throw SaException.runtime("refiner ghcu: training diverged at epoch " + epoch
              + " (loss " + meanLoss + "); lower options.lr (now " + options.lr() + ")", null);
        }
        log.accept(String.format(Locale.ROOT,
            "ghcu epoch %d/%d: %s loss %.5f, mean point error %.3f px (heatmap), %d faces, %.1f s",
            epoch, options.epochs(), options.loss(), meanLoss, errorSum / steps, steps * batch,
            (System.nanoTime() - start) / 1e9));
      }
    }
  }

  /** One Adam step; returns the loss and the mean point error in heatmap pixels. */
  private double[] step(Trainer trainer, Loss loss, RefinerData.Batch b, int batch) {
    Shape flat = new Shape(batch, 2L * landmarks);
    NDArray target = b.target().toType(DataType.FLOAT32, false).reshape(flat).div(heatmapSize);
    NDArray x = b.heatmaps().toType(DataType.FLOAT32, false);
    double lossValue;
    NDArray output;
    try (GradientCollector gc = trainer.newGradientCollector()) {
      NDArray raw = trainer.forward(new NDList(x)).singletonOrThrow();
      output = GhcuRefiner.addBase(raw, b.predicted(), heatmapSize, options.residual());
      NDArray l = loss.evaluate(new NDList(target), new NDList(output));
      gc.backward(l);
      lossValue = l.getFloat();
    }
    trainer.step();
    double error = output.sub(target).reshape(batch, landmarks, 2).square().sum(new int[] {2}).sqrt()
        .mean().getFloat() * heatmapSize;
    return new double[] {lossValue, error};
  }

  /** Faces {@code order[from..to)} as one batch: the data's own order is never assumed random. */
  static RefinerData.Batch gather(RefinerData data, NDManager manager, int[] order, int from, int to) {
    List<NDArray> heatmaps = new ArrayList<>();
    List<NDArray> predicted = new ArrayList<>();
    List<NDArray> target = new ArrayList<>();
    for (int i = from; i < to; i++) {
      RefinerData.Batch one = data.batch(manager, order[i], order[i] + 1);
      heatmaps.add(one.heatmaps());
      predicted.add(one.predicted());
      target.add(one.target());
    }
    return new RefinerData.Batch(
        NDArrays.concat(new NDList(heatmaps)),
        NDArrays.concat(new NDList(predicted)),
        NDArrays.concat(new NDList(target)));
  }

  /**
   * Seeded He-normal weights (engine-independent and reproducible; the engine's own generator is
   * global state). FC2 starts small so the first outputs sit near the heatmap centre (absolute
   * mode), or at zero so the unit starts as the identity on the prediction (residual mode).
   */
  private void initialise(Random random) {
    Block fc2 = GhcuArchitecture.outputLayer(network);
    for (Pair<String, Parameter> p : network.getParameters()) {
      Parameter param = p.getValue();
      if (param.getType() != Parameter.Type.WEIGHT) {
        continue;
      }
      NDArray w = param.getArray();
      Shape shape = w.getShape();
      long fanIn = shape.size() / shape.get(0);
      double std = Math.sqrt(2.0 / fanIn);
      float[] values = new float[Math.toIntExact(shape.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (random.nextGaussian() * std);
      }
      EngineArrays.set(w, values);
    }
    Parameter weight = fc2.getParameters().get("weight");
    Parameter bias = fc2.getParameters().get("bias");
    float[] w = weight.getArray().toFloatArray();
    for (int i = 0; i < w.length; i++) {
      w[i] = options.residual() ? 0f : w[i] * 0.1f;
    }
    EngineArrays.set(weight.getArray(), w);
    float[] b = new float[Math.toIntExact(bias.getArray().size())];
    Arrays.fill(b, options.residual() ? 0f : 0.5f);
    EngineArrays.set(bias.getArray(), b);
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
