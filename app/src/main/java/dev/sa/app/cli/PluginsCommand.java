package dev.sa.app.cli;

import dev.sa.app.host.PluginHost;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code sa plugins}: every loaded extension with its plugin, version and description. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = {"List the loaded plugins.",
        "Prints each plugin's id, kind, version and description; loading problems go to stderr, one line per"
            + " broken jar (SA_JAVA_OPTS=-Dorg.slf4j.simpleLogger.log.org.pf4j=debug shows PF4J's own log)."})
public final class PluginsCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Override
  public Integer call() {
    try (PluginHost host = root.openPlugins()) {
      root.out.printf("%-12s %-10s %-20s %-8s %s%n", "ID", "KIND", "PLUGIN", "VERSION", "DESCRIPTION");
      for (PluginHost.Entry e : host.entries()) {
        root.out.printf("%-12s %-10s %-20s %-8s %s%n", e.id(), e.kind(), e.pluginId(), e.version(), e.description());
      }
    }
    return 0;
  }
}
