package dev.sa.api;

/**
 * The one exception type of {@code sa}. Every message says where (file and line, config path or
 * plugin id), what went wrong, and what is valid. The host maps {@link Kind#INVALID_INPUT} and
 * {@link Kind#DATA_ERROR} and {@link Kind#PLUGIN_ERROR} to exit code 2 and {@link Kind#RUNTIME} to 1.
 */
public final class SaException extends RuntimeException {
  /** Why the operation failed; decides the exit code. */
  public enum Kind { INVALID_INPUT, DATA_ERROR, PLUGIN_ERROR, RUNTIME }

  private final Kind kind;

  private SaException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Bad CLI arguments or config values. */
  public static SaException invalidInput(String message) {
    return new SaException(Kind.INVALID_INPUT, message, null);
  }

  /** A malformed or missing data file; name the file (and line) in the message. */
  public static SaException dataError(String message) {
    return new SaException(Kind.DATA_ERROR, message, null);
  }

  /** A data error with the underlying cause kept for --verbose. */
  public static SaException dataError(String message, Throwable cause) {
    return new SaException(Kind.DATA_ERROR, message, cause);
  }

  /** A broken, duplicate or incompatible plugin; name the plugin id or jar. */
  public static SaException pluginError(String message) {
    return new SaException(Kind.PLUGIN_ERROR, message, null);
  }

  /** A failure while running (training diverged, disk full, ...). */
  public static SaException runtime(String message, Throwable cause) {
    return new SaException(Kind.RUNTIME, message, cause);
  }

  public Kind kind() {
    return kind;
  }

  /** Exit code of the CLI for this failure: 2 for bad input, config, data or plugin; 1 otherwise. */
  public int exitCode() {
    return kind == Kind.RUNTIME ? 1 : 2;
  }
}
