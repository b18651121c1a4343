package dev.sa.plugins.rotation;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.sa.api.EngineArrays;
import dev.sa.api.NormalizerData;
import dev.sa.api.SaException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the rotation network with Adam on the host's crops: every epoch each training face is
 * turned by a fresh angle from {@code [-rotationRange, rotationRange]} (seeded), the target is the
 * {@code (cos, sin)} of its angle in that crop, the loss the squared error. One log line per epoch
 * with the mean angle error in degrees.
 *
 * @param model the normaliser's network, trained in place
 * @param options the normaliser's options
 * @param seed the seed of the network's initialisation, the crops' angles and the batch order
 */
record RotationTraining(Model model, RotationOptions options, long seed) {
  void run(NormalizerData data, Consumer<String> log) {
    int faces = data.size();
    if (faces < 2) {
      throw SaException.invalidInput("normalizer rotation: needs at least 2 training faces (BatchNorm), got " + faces);
    }
    int batch = Math.min(options.batch(), faces);
    // A last partial batch is dropped (BatchNorm); the next epoch's shuffle uses those faces.
    int steps = faces / batch;
    float lr = options.lr().floatValue();
    Tracker schedule = Tracker.cosine().setBaseValue(lr).optFinalValue(lr / 100)
        .setMaxUpdates(steps * options.epochs()).build();
    Loss loss = Loss.l2Loss("cos-sin", 1f);
    DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
        .optOptimizer(Optimizer.adam().optLearningRateTracker(schedule).build())
        .optDevices(new Device[] {model.getNDManager().getDevice()});
    Random random = new Random(seed ^ 0x726f_7461L);
    int size = options.cropSize();
    try (Trainer trainer = model.newTrainer(config)) {
      model.getNDManager().getEngine().setRandomSeed((int) (seed ^ (seed >>> 32)));
      trainer.initialize(new Shape(batch, 3, size, size));
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < faces; i++) {
        order.add(i);
      }
      for (int epoch = 1; epoch <= options.epochs(); epoch++) {
        long start = System.nanoTime();
        Collections.shuffle(order, random);
        double lossSum = 0;
        double errorSum = 0;
        for (int s = 0; s < steps; s++) {
          int[] idx = new int[batch];
          double[] rot = new double[batch];
          for (int i = 0; i < batch; i++) {
            idx[i] = order.get(s * batch + i);
            rot[i] = (2 * random.nextDouble() - 1) * options.rotationRange();
          }
          NormalizerData.Batch b = data.batch(idx, rot);
          double[] step = step(trainer, loss, b, batch, size);
          lossSum += step[0];
          errorSum += step[1];
        }
        if (!Double.isFinite(lossSum)) {
          throw SaException.runtime("normalizer rotation: training diverged at epoch " + epoch
              + "; lower normalizer.options.lr (now " + options.lr() + ")", null);
        }
        log.accept(String.format(Locale.ROOT, "rotation normaliser epoch %d/%d: loss %.4f, mean angle error %.2f deg,"
            + " %d faces, %.1f s", epoch, options.epochs(), lossSum / steps, errorSum / steps, steps * batch,
            (System.nanoTime() - start) / 1e9));
      }
    }
  }

  /** One Adam step; returns the loss and the mean angle error in degrees. */
  private static double[] step(Trainer trainer, Loss loss, NormalizerData.Batch b, int batch, int size) {
    float[] target = new float[2 * batch];
    for (int i = 0; i < batch; i++) {
      double r = Math.toRadians(b.angles()[i]);
      target[2 * i] = (float) Math.cos(r);
      target[2 * i + 1] = (float) Math.sin(r);
    }
    float[] out;
    double lossValue;
    try (NDManager m = trainer.getManager().newSubManager()) {
      NDArray x = EngineArrays.create(m, b.crops(), new Shape(batch, 3, size, size));
      NDArray y = EngineArrays.create(m, target, new Shape(batch, 2));
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
        NDArray l = loss.evaluate(new NDList(y), new NDList(pred));
        gc.backward(l);
        lossValue = l.getFloat();
        out = pred.toFloatArray();
      }
      trainer.step();
    }
    float[] deg = RotationNormalizer.degrees(out, batch);
    double err = 0;
    for (int i = 0; i < batch; i++) {
      err += Math.abs(Math.IEEEremainder(deg[i] - b.angles()[i], 360));
    }
    return new double[] {lossValue, err / batch};
  }
}
