package dev.sa.app.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.EngineArrays;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link EngineArraysCrashTest}: copies a 1.5 MB array into MXNet again and
 * again while another thread allocates, so garbage collections fall inside the native copies.
 * Arguments: {@code engine|djl} (through {@link EngineArrays} or DJL's {@code create(float[])}),
 * iterations. Exit 0 when every copy arrived intact, 3 when one did not; a JVM that reads freed,
 * unmapped memory dies with SIGSEGV instead.
 */
public final class EngineArraysStress {
  private EngineArraysStress() {}

  public static void main(String[] args) {
    System.setProperty("ai.djl.default_engine", "MXNet");
    System.setProperty("ai.djl.offline", "true");
    boolean safe = args[0].equals("engine");
    int iterations = Integer.parseInt(args[1]);
    int n = 393_216; // a batch of 8 RGB crops of 128 px
    Thread garbage = new Thread(() -> {
      long total = 0;
      while (true) {
        byte[] b = new byte[1 << 20];
        total += b.length;
        if (total < 0) {
          System.out.println(b[0]);
        }
      }
    });
    garbage.setDaemon(true);
    garbage.start();
    float[] values = new float[n];
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int i = 0; i < iterations; i++) {
        values[i % n] = i;
        try (NDManager step = manager.newSubManager()) {
          Shape shape = new Shape(n);
          NDArray x = safe ? EngineArrays.create(step, values, shape) : step.create(values, shape);
          if (i % 50 == 0 && !Arrays.equals(x.toFloatArray(), values)) {
            System.out.println("copy " + i + " arrived corrupted");
            System.exit(3);
          }
        }
      }
    }
    System.out.println("ok " + iterations);
    System.exit(0);
  }
}
