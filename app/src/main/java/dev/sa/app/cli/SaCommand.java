package dev.sa.app.cli;

import dev.sa.app.host.PluginHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code sa}: the root command and its global options. */
@Command(name = "sa", mixinStandardHelpOptions = true, version = "sa " + PluginHost.SYSTEM_VERSION,
    description = "Semantic Alignment for facial landmark detection (CVPR 2019), on the JVM.",
    subcommands = {RunCommand.class, TrainCommand.class, EvaluateCommand.class, AlignCommand.class,
        ReportCommand.class, PluginsCommand.class, DataCommand.class, PredictCommand.class, StatusCommand.class,
        HelpCommand.class},
    footer = {"", "'sa help COMMAND' or 'sa COMMAND --help' shows a command's options.",
        "Exit codes: 0 ok, 1 failure at run time, 2 bad usage, config or input."})
public final class SaCommand implements Runnable {
  final PrintWriter out;
  final PrintWriter err;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
  boolean verbose;

  @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Plugins folder (jars). Default: the distribution's target/plugins, set by bin/sa.")
  Path plugins;

  @Option(names = "--dev", scope = ScopeType.INHERIT,
      description = "PF4J development mode: load plugins/*/target/classes from the plugins folder.")
  boolean dev;

  SaCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    out.println(SaCli.commandLine(this).getUsageMessage());
  }

  /** Standard output of this invocation (a subcommand outside the app prints here). */
  public PrintWriter out() {
    return out;
  }

  /** Standard error of this invocation. */
  public PrintWriter err() {
    return err;
  }

  /** Opens the plugin host from the options, printing loading problems as warnings. */
  public PluginHost openPlugins() {
    Path dir = plugins;
    boolean development = dev;
    if (dir == null) {
      PluginHost.Folder folder = PluginHost.Folder.byDefault();
      dir = folder.dir();
      development = development || folder.development();
    }
    PluginHost host = PluginHost.open(dir, development);
    for (String p : host.problems()) {
      err.println("sa: warning: " + p);
    }
    err.flush();
    return host;
  }

  /** The global options a cluster job (or any child {@code sa}) needs to load the same plugins as this process. */
  public java.util.List<String> jobArgs() {
    java.util.List<String> a = new java.util.ArrayList<>();
    if (plugins != null) {
      a.add("--plugins");
      a.add(plugins.toAbsolutePath().toString());
    }
    if (dev) {
      a.add("--dev");
    }
    return a;
  }
}
