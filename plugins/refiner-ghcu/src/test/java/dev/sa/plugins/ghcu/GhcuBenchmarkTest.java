package dev.sa.plugins.ghcu;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.RefinerData;
import dev.sa.api.RefinerSpec;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CPU time of {@link GhcuRefiner#refine} per face at N = 68, h = 64 (compare paper Table 8: GHCU
 * 149 ms at h = 256). Tagged slow, so surefire skips it; run {@link #main} on the test class path
 * (see README.md).
 */
@Tag("slow")
class GhcuBenchmarkTest {
  public static void main(String[] args) {
    new GhcuBenchmarkTest().refineTimePerFace();
  }

  @Test
  void refineTimePerFace() {
    int n = 68;
    int h = 64;
    GhcuOptions options = new GhcuOptions(null, null, 1, 4, null, null);
    RefinerSpec spec = new RefinerSpec(GhcuRefinerTest.scheme(n), h, 1, Device.cpu(), options);
    RandomRefinerData data = new RandomRefinerData(8, n, h);
    try (GhcuRefiner refiner = new GhcuRefiner(spec, options); NDManager manager = NDManager.newBaseManager()) {
      refiner.fit(data, line -> {});
      for (int batch : new int[] {1, 8, 32}) {
        RefinerData.Batch b = new RandomRefinerData(batch, n, h).batch(manager, 0, batch);
        for (int i = 0; i < 3; i++) {
          refiner.refine(b.heatmaps(), b.predicted()).toFloatArray();
        }
        int rounds = Math.max(4, 128 / batch);
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
          try (NDManager sub = manager.newSubManager()) {
            b.heatmaps().tempAttach(sub);
            float[] out = refiner.refine(b.heatmaps(), b.predicted()).toFloatArray();
            assertThat(out).hasSize(batch * n * 2);
          }
        }
        double faces = (double) rounds * batch;
        System.out.printf(Locale.ROOT, "ghcu refine N=%d h=%d batch %d: %.2f ms wall/face, %.2f ms process CPU/face (%d cores)%n",
            n, h, batch, (System.nanoTime() - wall0) / 1e6 / faces, (processCpuNanos() - cpu0) / 1e6 / faces,
            Runtime.getRuntime().availableProcessors());
      }
    }
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
