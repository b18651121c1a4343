package dev.sa.app.api;

import dev.sa.api.SaException;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.predict.TrainedVariants;
import dev.sa.app.run.RunService;
import dev.sa.app.seeds.SeedRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trained variant of a run folder, found as {@code sa predict} finds it, with the plugins it needs.
 * One plugin host per plugins folder serves the whole process and is never closed: the blocks,
 * refiners and detectors that plugins make need their class loaders (and natives, which a JVM loads
 * once) for as long as they are used.
 */
record RunVariant(Path runDir, String source, TrainedVariants.Choice choice, PluginHost host) {
  private static final Map<Path, PluginHost> HOSTS = new ConcurrentHashMap<>();

  static {
    QuietLogs.apply();
  }

  /** The process's plugin host of {@code pluginsDir} (null: the default folder, as {@code sa}'s). */
  static PluginHost host(Path pluginsDir) {
    PluginHost.Folder f = pluginsDir == null ? PluginHost.Folder.byDefault() : new PluginHost.Folder(pluginsDir, false);
    return HOSTS.computeIfAbsent(f.dir().toAbsolutePath().normalize(), d -> PluginHost.open(d, f.development()));
  }

  /**
   * The variant {@code variant} (folder or display name; null: the default model, as
   * {@code sa predict} chooses it) of the run at {@code runDir} (of a run over several seeds: its first seed's).
   *
   * @throws SaException invalid input naming the folder when it is not a run or the variant has no checkpoint
   */
  static RunVariant open(Path runDir, String variant, Path pluginsDir) throws IOException {
    if (!Files.isDirectory(runDir)) {
      throw SaException.invalidInput(runDir + ": no such run folder");
    }
    Path run = SeedRuns.pick(runDir, null, m -> { });
    Path resolved = run.resolve(ConfigLoader.RESOLVED);
    if (!Files.exists(resolved)) {
      throw SaException.invalidInput(run + ": not a run folder (no resolved-config.yaml)");
    }
    ConfigLoader.Loaded loaded = ConfigLoader.load(resolved, List.of());
    RunService.selectEngine(loaded);
    PluginHost host = host(pluginsDir);
    List<TrainedVariants.Trained> all = TrainedVariants.list(loaded, host, run);
    TrainedVariants.Choice choice = TrainedVariants.pick(all, variant, run);
    String src = loaded.source() + (all.size() > 1 ? " (variant '" + choice.trained().name() + "')" : "");
    return new RunVariant(run, src, choice, host);
  }

  /**
   * The variant whose folder is {@code variantDir} ({@code RUN/variants/<name>}, as {@code sa run}
   * writes it).
   */
  static RunVariant ofFolder(Path variantDir, Path pluginsDir) throws IOException {
    Path dir = variantDir.toAbsolutePath().normalize();
    Path parent = dir.getParent();
    if (parent == null || parent.getFileName() == null || !parent.getFileName().toString().equals("variants")
        || !Files.exists(parent.getParent().resolve(ConfigLoader.RESOLVED))) {
      throw SaException.invalidInput(variantDir + ": not a variant folder of a run (expected RUN/variants/NAME,"
          + " with RUN/resolved-config.yaml)");
    }
    return open(parent.getParent(), dir.getFileName().toString(), pluginsDir);
  }

  TrainedVariants.Trained trained() {
    return choice.trained();
  }
}
