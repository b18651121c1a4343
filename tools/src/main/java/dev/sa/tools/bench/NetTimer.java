package dev.sa.tools.bench;

import dev.sa.app.data.BatchSource;
import dev.sa.app.train.LandmarkNet;
import dev.sa.app.train.RmsProp;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Times one network: seconds per training step and milliseconds per face of inference at batch 1
 * and at the training batch, on seeded random inputs (speed does not depend on the values). Each
 * figure is the median of single timed repetitions, so a burst of load from other processes does
 * not decide it; each repetition waits for its result.
 */
public final class NetTimer {
  /** The figures of one network. */
  /**
   * @param peakRssGrowthMb the RSS peak minus the RSS when timing began: what this network added,
   *     whatever earlier work left resident
   */
  public record Timing(double trainSecondsPerStep, double inferMsPerFaceBatch1, double inferMsPerFaceBatch,
      double peakRssMb, double peakRssGrowthMb, double peakHeapMb) {}

  private final int steps;
  private final int warmup;

  public NetTimer(int steps, int warmup) {
    this.steps = steps;
    this.warmup = warmup;
  }

  /** A batch of {@code b} random crops of side {@code size} with one-hot targets on {@code n} heatmaps of side {@code h}. */
  public static BatchSource.Batch batch(int b, int size, int n, int h, long seed) {
    return BatchSource.Batch.random(b, size, n, h, seed);
  }

  /** All three figures of {@code net} for input side {@code size}, with peaks of this measurement. */
  public Timing time(LandmarkNet net, int size, int batch, double lr) {
    SystemProbe.resetPeak();
    double start = SystemProbe.rssMb();
    BatchSource.Batch b = batch(batch, size, net.landmarks(), net.heatmapSize(), 11);
    double train = trainSeconds(net, b, lr);
    BatchSource.Batch one = batch(1, size, net.landmarks(), net.heatmapSize(), 12);
    double infer1 = inferSeconds(net, one) * 1e3;
    double inferB = inferSeconds(net, b) * 1e3 / batch;
    double peak = SystemProbe.peakRssMb();
    return new Timing(train, infer1, inferB, peak, peak - start, SystemProbe.heapPeakMb());
  }

  /** Median seconds of one training step on {@code b}. */
  public double trainSeconds(LandmarkNet net, BatchSource.Batch b, double lr) {
    for (int i = 0; i < warmup; i++) {
      net.trainStep(b, lr);
    }
    double[] s = new double[steps];
    for (int i = 0; i < steps; i++) {
      long t0 = System.nanoTime();
      net.trainStep(b, lr);
      s[i] = (System.nanoTime() - t0) / 1e9;
    }
    return median(s);
  }

  /** Median seconds of one forward pass on {@code b}, result copied to the JVM. */
  public double inferSeconds(LandmarkNet net, BatchSource.Batch b) {
    for (int i = 0; i < Math.max(1, warmup); i++) {
      net.predict(b.images(), b.size());
    }
    double[] s = new double[steps];
    for (int i = 0; i < steps; i++) {
      long t0 = System.nanoTime();
      net.predict(b.images(), b.size());
      s[i] = (System.nanoTime() - t0) / 1e9;
    }
    return median(s);
  }

  /**
   * Median seconds of a whole training step with each RMSprop form, one network per form (built
   * alike but for the form), alternating step by step so that load from other processes falls on
   * all alike.
   */
  public Map<RmsProp.Form, Double> optimizerForms(Map<RmsProp.Form, LandmarkNet> nets, BatchSource.Batch b,
      double lr) {
    List<RmsProp.Form> forms = List.copyOf(nets.keySet());
    double[][] times = new double[forms.size()][steps];
    for (int i = 0; i < warmup; i++) {
      for (LandmarkNet net : nets.values()) {
        net.trainStep(b, lr);
      }
    }
    for (int i = 0; i < steps; i++) {
      for (int f = 0; f < forms.size(); f++) {
        LandmarkNet net = nets.get(forms.get(f));
        long t0 = System.nanoTime();
        net.trainStep(b, lr);
        times[f][i] = (System.nanoTime() - t0) / 1e9;
      }
    }
    Map<RmsProp.Form, Double> out = new EnumMap<>(RmsProp.Form.class);
    for (int f = 0; f < forms.size(); f++) {
      out.put(forms.get(f), median(times[f]));
    }
    return out;
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
