package dev.sa.plugins.pca;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.RefinerSpec;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CPU time of {@link PcaRefiner#refine} per face at N = 68, h = 64, with a model of realistic
 * size (compare paper Table 8: PCA 1219 ms). Tagged slow, so surefire skips it; run {@link #main}
 * on the test class path (see README.md).
 */
@Tag("slow")
class PcaBenchmarkTest {
  public static void main(String[] args) {
    new PcaBenchmarkTest().refineTimePerFace();
  }

  @Test
  void refineTimePerFace() {
    int n = 68;
    int h = 64;
    Random random = new Random(1);
    double[] template = new double[2 * n];
    for (int j = 0; j < template.length; j++) {
      template[j] = 20 * random.nextGaussian();
    }
    double[][] modes = new double[30][2 * n];
    for (double[] m : modes) {
      for (int j = 0; j < m.length; j++) {
        m[j] = random.nextGaussian();
      }
    }
    List<double[]> shapes = new ArrayList<>();
    for (int f = 0; f < 1000; f++) {
      double[] s = template.clone();
      for (int k = 0; k < modes.length; k++) {
        double c = random.nextGaussian() * 2.0 / (1 + k);
        for (int j = 0; j < s.length; j++) {
          s[j] += c * modes[k][j];
        }
      }
      double angle = 0.3 * random.nextGaussian();
      double[] t = new Procrustes.Similarity(0.6 * Math.cos(angle), 0.6 * Math.sin(angle), 32, 32).apply(s);
      shapes.add(t);
    }
    PcaOptions options = PcaOptions.defaults();
    PcaRefiner refiner = new PcaRefiner(new RefinerSpec(PcaRefinerTest.scheme(n), h, 1, Device.cpu(), options), options);
    long fit0 = System.nanoTime();
    refiner.fit(new TargetsOnly(shapes), System.out::println);
    System.out.printf(Locale.ROOT, "pca fit on %d shapes: %.0f ms%n", shapes.size(), (System.nanoTime() - fit0) / 1e6);
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int batch : new int[] {1, 8, 32}) {
        manager.getEngine().setRandomSeed(batch);
        NDArray heatmaps = manager.randomUniform(0, 1, new Shape(batch, n, h, h));
        float[] coords = new float[batch * n * 2];
        for (int f = 0; f < batch; f++) {
          double[] s = shapes.get(f);
          for (int j = 0; j < s.length; j++) {
            coords[f * s.length + j] = (float) (s[j] + random.nextGaussian());
          }
        }
        NDArray predicted = manager.create(coords, new Shape(batch, n, 2));
        for (int i = 0; i < 5; i++) {
          refiner.refine(heatmaps, predicted).close();
        }
        int rounds = Math.max(10, 320 / batch);
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
          NDArray out = refiner.refine(heatmaps, predicted);
          assertThat(out.getShape()).isEqualTo(new Shape(batch, n, 2));
          out.close();
        }
        double faces = (double) rounds * batch;
        System.out.printf(Locale.ROOT, "pca refine N=%d h=%d batch %d: %.3f ms wall/face, %.3f ms process CPU/face%n",
            n, h, batch, (System.nanoTime() - wall0) / 1e6 / faces, (processCpuNanos() - cpu0) / 1e6 / faces);
      }
    }
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
