package dev.sa.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process memory and machine load, read from /proc (Linux) and the JVM's memory beans. */
public final class SystemProbe {
  private static final double MB = 1024.0 * 1024.0;

  private SystemProbe() {}

  /** Resident set size now, in MB ({@code VmRSS}); NaN where /proc is absent. */
  public static double rssMb() {
    return statusKb("VmRSS:") / 1024.0;
  }

  /** Peak resident set size since start or the last {@link #resetPeak()}, in MB ({@code VmHWM}). */
  public static double peakRssMb() {
    return statusKb("VmHWM:") / 1024.0;
  }

  /**
   * Resets the kernel's RSS peak (writing 5 to /proc/self/clear_refs) and the JVM pools' peaks, so
   * the next peak belongs to what runs next. Returns false where the kernel refused.
   */
  public static boolean resetPeak() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** Heap in use now, MB. */
  public static double heapUsedMb() {
    Runtime r = Runtime.getRuntime();
    return (r.totalMemory() - r.freeMemory()) / MB;
  }

  /** Sum of the heap pools' peak usage since the last reset, MB. */
  public static double heapPeakMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / MB;
  }

  /** The 1-minute load average, NaN where unknown. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static double statusKb(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Double.parseDouble(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
