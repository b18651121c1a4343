package dev.sa.tools.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The machine's practical peak as an engine reaches it: an {@code n x n x n} fp32 matrix product
 * ({@code NDArray.matMul}, i.e. the engine's own BLAS or oneDNN GEMM), 2 n^3 FLOPs, best of
 * several repetitions (the best one is the least disturbed by other processes). It runs with the
 * engine's threads of this process: for MXNet, OMP_NUM_THREADS as the process started.
 */
public final class MatmulPeak {
  private MatmulPeak() {}

  /** GFLOP/s of the best of {@code repeats} timed products on DJL engine {@code engine}, after one untimed. */
  public static double gflops(String engine, int n, int repeats) {
    try (NDManager m = Engine.getEngine(engine).newBaseManager()) {
      NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
      NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
      double best = Double.MAX_VALUE;
      for (int i = 0; i <= repeats; i++) {
        try (NDManager step = m.newSubManager()) {
          long t0 = System.nanoTime();
          NDArray c = a.matMul(b);
          c.tempAttach(step);
          // Reading one number waits for the (asynchronous) product without copying n^2 values.
          c.sum().getFloat();
          double s = (System.nanoTime() - t0) / 1e9;
          if (i > 0) {
            best = Math.min(best, s);
          }
        }
      }
      return 2.0 * n * n * n / best / 1e9;
    }
  }
}
