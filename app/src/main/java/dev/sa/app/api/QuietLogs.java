package dev.sa.app.api;

/**
 * The log levels that {@code bin/sa} sets, for programs that use this package: slf4j-simple at
 * {@code warn}, and DJL's "Failed to detect GPU count" warning (every CPU-only machine with a CUDA
 * library) off. A level the program set itself (a system property) is kept; a program with another
 * SLF4J binding configures its own. slf4j-simple reads a logger's level when the logger is made, so
 * this runs before any DJL class loads (static initialisers of {@link Landmarker} and {@link ModelFolders}).
 */
final class QuietLogs {
  private QuietLogs() {}

  static void apply() {
    setIfUnset("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfUnset("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
  }

  private static void setIfUnset(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
