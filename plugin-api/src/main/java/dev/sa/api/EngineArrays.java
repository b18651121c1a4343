package dev.sa.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Java values into engine arrays, safely. Use {@link #create} instead of DJL's
 * {@code NDManager.create(float[], Shape)} in hosts and plugins alike.
 *
 * <p>Why: on MXNet, DJL 0.36's {@code create(float[], Shape)} copies the values into a temporary
 * direct buffer and hands its address to {@code MXNDArraySyncCopyFromCPU}; from then on nothing
 * in Java uses the buffer, so a garbage collection during the native copy may free the memory
 * MXNet is reading. A freed block of more than glibc's mmap threshold is unmapped and the JVM dies
 * with SIGSEGV in {@code libmxnet.so} (frames {@code JnaUtils.syncCopyFromCPU <- MxNDArray.set <-
 * NDManager.create}); a smaller one is silently read after it was freed. Measured: a loop of
 * {@code create} calls of 393,216 floats beside an allocating thread died within 20 s in 3 of 3
 * tries with {@code MALLOC_MMAP_THRESHOLD_=131072}, and ran through with this method (tested in a
 * child JVM by {@code EngineArraysCrashTest}). Here the caller owns the direct buffer and keeps it
 * reachable until the engine has copied it.
 */
public final class EngineArrays {
  private EngineArrays() {}

  /** A new array of {@code shape} holding {@code values}, attached to {@code manager}. */
  public static NDArray create(NDManager manager, float[] values, Shape shape) {
    if (values.length != shape.size()) {
      throw new IllegalArgumentException(values.length + " values do not fill shape " + shape);
    }
    FloatBuffer direct = direct(values);
    try {
      return manager.create(direct, shape);
    } finally {
      // The engine copies synchronously inside create; until it returns, the buffer must live.
      Reference.reachabilityFence(direct);
    }
  }

  /** Overwrites {@code array} with {@code values} (the same safety as {@link #create}). */
  public static void set(NDArray array, float[] values) {
    FloatBuffer direct = direct(values);
    try {
      array.set(direct);
    } finally {
      Reference.reachabilityFence(direct);
    }
  }

  private static FloatBuffer direct(float[] values) {
    FloatBuffer direct = ByteBuffer.allocateDirect(Math.multiplyExact(values.length, Float.BYTES))
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    direct.put(values).rewind();
    return direct;
  }
}
