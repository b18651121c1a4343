package dev.sa.app.cli;

/**
 * A subcommand that lives outside the app (e.g. {@code sa bench} and {@code sa search-grid} in the
 * tools module), found with {@link java.util.ServiceLoader} when its jar is on the class path:
 * list the implementation in {@code META-INF/services/dev.sa.app.cli.SaSubcommand}.
 */
public interface SaSubcommand {
  /**
   * A fresh Picocli command object (a class annotated with {@code @Command}); it may declare a
   * {@code @ParentCommand SaCommand} field for the global options, output streams and plugins.
   */
  Object command();
}
