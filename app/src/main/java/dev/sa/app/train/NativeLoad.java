package dev.sa.app.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the folder when the engine's native libraries cannot be unpacked because a disk is full
 * (or the file size limit, {@code ulimit -f}, is reached). JNA unpacks its dispatch library into
 * {@code jna.tmpdir} (by default under {@code java.io.tmpdir}) at every start; DJL unpacks the
 * MXNet libraries once into its cache ({@code DJL_CACHE_DIR}, by default {@code ~/.djl.ai}). The
 * failure surfaces as a chain of {@code ExceptionInInitializerError}, {@code
 * UnsatisfiedLinkError} and {@code EngineException} whose stack traces do not say which folder is
 * full.
 */
public final class NativeLoad {
  private static final String[] FULL = {"no space left on device", "file too large", "disk quota exceeded"};

  private NativeLoad() {}

  /**
   * One line for {@code t} if it (or a cause) is a full disk met while unpacking native libraries,
   * naming the folder and what to do; empty otherwise.
   */
  public static Optional<String> diskFull(Throwable t) {
    String reason = null;
    boolean jna = false;
    boolean nativeLoad = false;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = String.valueOf(c.getMessage());
      String lower = m.toLowerCase(Locale.ROOT);
      for (String f : FULL) {
        if (reason == null && lower.contains(f)) {
          reason = m.substring(lower.indexOf(f), lower.indexOf(f) + f.length());
        }
      }
      jna |= lower.contains("jnidispatch") || lower.contains("com.sun.jna");
      nativeLoad |= c instanceof LinkageError || lower.contains("native librar") || lower.contains("temporary file");
      for (StackTraceElement e : c.getStackTrace()) {
        jna |= e.getClassName().startsWith("com.sun.jna.");
        nativeLoad |= e.getClassName().startsWith("ai.djl.") && e.getMethodName().toLowerCase(Locale.ROOT)
            .contains("lib");
      }
    }
    if (reason == null || !(nativeLoad || jna)) {
      return Optional.empty();
    }
    if (jna) {
      return Optional.of("sa: error: " + jnaDir() + " is full (" + reason + " while unpacking JNA's native library);"
          + " free space there, raise the file size limit (ulimit -f), or point -Djna.tmpdir=DIR (SA_JAVA_OPTS) at"
          + " another folder");
    }
    return Optional.of("sa: error: " + djlCacheDir() + " is full (" + reason + " while unpacking the engine's native"
        + " libraries); free space there, raise the file size limit (ulimit -f), or set DJL_CACHE_DIR to another"
        + " folder");
  }

  /** Where JNA unpacks: {@code jna.tmpdir}, else (as JNA does) a {@code jna-<hash>} folder in java.io.tmpdir. */
  static String jnaDir() {
    String dir = System.getProperty("jna.tmpdir");
    return dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir")).toString();
  }

  /** DJL's cache: {@code DJL_CACHE_DIR} (property or environment), else {@code ~/.djl.ai}. */
  static String djlCacheDir() {
    String dir = System.getProperty("DJL_CACHE_DIR", System.getenv("DJL_CACHE_DIR"));
    return dir != null ? dir : Path.of(System.getProperty("user.home"), ".djl.ai").toString();
  }
}
