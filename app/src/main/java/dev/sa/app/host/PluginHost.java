package dev.sa.app.host;

import dev.sa.api.BackbonePlugin;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.Described;
import dev.sa.api.FaceDetectorPlugin;
import dev.sa.api.NormalizerPlugin;
import dev.sa.api.RefinerPlugin;
import dev.sa.api.SaException;
import dev.sa.app.config.Suggest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * Loads plugins with PF4J and finds extensions by id. A broken, duplicate or incompatible plugin
 * gives one problem line naming it, and the other plugins keep working.
 *
 * <p>PF4J logs through SLF4J (the app binds slf4j-simple, which writes to stderr) and logs a
 * stack trace for every jar it cannot read. Jars are checked before PF4J sees them
 * ({@link PluginJarCheck}) and PF4J's own logger is off unless the user asks for it with
 * {@code -Dorg.slf4j.simpleLogger.log.org.pf4j=debug}: every problem is one of {@link #problems()}.
 */
public final class PluginHost implements AutoCloseable {
  /** slf4j-simple reads a logger's level when the logger is made: before any PF4J class loads. */
  private static final String PF4J_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.pf4j";

  static {
    if (System.getProperty(PF4J_LOG_LEVEL) == null) {
      System.setProperty(PF4J_LOG_LEVEL, "off");
    }
  }

  /** The host's version: plugins declare {@code plugin.requires} against it. */
  public static final String SYSTEM_VERSION = "0.1.0";

  /** One loaded extension, with the plugin it came from. */
  public record Entry(String id, String kind, String pluginId, String version, String description, Described extension) {}

  private final Manager manager;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Entry> datasets = new LinkedHashMap<>();
  private final Map<String, Entry> backbones = new LinkedHashMap<>();
  private final Map<String, Entry> refiners = new LinkedHashMap<>();
  private final Map<String, Entry> detectors = new LinkedHashMap<>();
  private final Map<String, Entry> normalizers = new LinkedHashMap<>();

  private static final class Manager extends DefaultPluginManager {
    Manager(Path root) {
      super(root);
    }

    List<Path> candidatePaths() {
      return pluginRepository.getPluginPaths();
    }
  }

  /**
   * The plugins folder when none is named: {@code -Dsa.plugins}, else {@code $SA_PLUGINS}, else
   * {@code ./target/plugins}, else {@code ./plugins} in development mode.
   *
   * @param dir the folder
   * @param development whether PF4J's development mode reads it
   */
  public record Folder(Path dir, boolean development) {
    public static Folder byDefault() {
      String prop = System.getProperty("sa.plugins", System.getenv("SA_PLUGINS"));
      if (prop != null && !prop.isBlank()) {
        return new Folder(Path.of(prop), false);
      }
      if (Files.isDirectory(Path.of("target", "plugins"))) {
        return new Folder(Path.of("target", "plugins"), false);
      }
      return new Folder(Path.of("plugins"), true);
    }
  }

  /**
   * @param root the plugins folder: jars (deployment) or module folders with target/classes
   * @param development PF4J development mode ({@code plugins/*}{@code /target/classes})
   */
  public static PluginHost open(Path root, boolean development) {
    return new PluginHost(root, development);
  }

  private PluginHost(Path root, boolean development) {
    if (!Files.isDirectory(root)) {
      throw SaException.pluginError("plugins folder " + root + " does not exist; build with 'mvn package' or pass --plugins DIR");
    }
    String previous = System.getProperty("pf4j.mode");
    System.setProperty("pf4j.mode", (development ? RuntimeMode.DEVELOPMENT : RuntimeMode.DEPLOYMENT).toString());
    try {
      manager = new Manager(root);
    } finally {
      if (previous == null) {
        System.clearProperty("pf4j.mode");
      } else {
        System.setProperty("pf4j.mode", previous);
      }
    }
    manager.setSystemVersion(SYSTEM_VERSION);
    PluginJarCheck jars = new PluginJarCheck();
    for (Path p : manager.candidatePaths()) {
      if (!development && Files.isRegularFile(p)) {
        Optional<String> bad = jars.problem(p);
        if (bad.isPresent()) {
          problems.add("plugin " + p.getFileName() + ": " + bad.get());
          continue;
        }
      }
      try {
        manager.loadPlugin(p);
      } catch (RuntimeException e) {
        problems.add("plugin " + p.getFileName() + ": " + rootMessage(e));
      }
    }
    manager.startPlugins();
    for (PluginWrapper w : manager.getPlugins()) {
      String id = w.getPluginId();
      if (w.getPluginState() == PluginState.DISABLED) {
        problems.add("plugin " + id + " (" + w.getPluginPath().getFileName() + "): disabled, it requires sa "
            + w.getDescriptor().getRequires() + " but this is sa " + SYSTEM_VERSION);
        continue;
      }
      if (w.getPluginState() != PluginState.STARTED) {
        Throwable t = w.getFailedException();
        problems.add("plugin " + id + ": failed to start" + (t == null ? "" : ": " + rootMessage(t)));
        continue;
      }
      int before = count();
      int problemsBefore = problems.size();
      collect(w, DatasetPlugin.class, "dataset", datasets);
      collect(w, BackbonePlugin.class, "backbone", backbones);
      collect(w, RefinerPlugin.class, "refiner", refiners);
      collect(w, FaceDetectorPlugin.class, "detector", detectors);
      collect(w, NormalizerPlugin.class, "normalizer", normalizers);
      // A plugin whose extensions were all refused (duplicate ids, failing ones) already has its line.
      if (count() == before && problems.size() == problemsBefore) {
        problems.add("plugin " + id + ": no extension found (is META-INF/extensions.idx in the jar?)");
      }
    }
  }

  private int count() {
    return datasets.size() + backbones.size() + refiners.size() + detectors.size() + normalizers.size();
  }

  private <T extends Described> void collect(PluginWrapper w, Class<T> type, String kind, Map<String, Entry> into) {
    List<T> found;
    try {
      found = manager.getExtensions(type, w.getPluginId());
    } catch (RuntimeException | LinkageError e) {
      problems.add("plugin " + w.getPluginId() + ": cannot create its " + kind + " extension: " + rootMessage(e));
      return;
    }
    for (T ext : found) {
      String id;
      try {
        id = ext.id();
      } catch (RuntimeException | LinkageError e) {
        problems.add("plugin " + w.getPluginId() + ": its " + kind + " extension fails: " + rootMessage(e));
        continue;
      }
      Entry existing = into.get(id);
      if (existing != null) {
        problems.add("plugin " + w.getPluginId() + ": " + kind + " id '" + id + "' is already provided by plugin "
            + existing.pluginId() + "; keeping the first");
        continue;
      }
      into.put(id, new Entry(id, kind, w.getPluginId(), w.getDescriptor().getVersion(), ext.description(), ext));
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return m == null ? c.getClass().getSimpleName() : m;
  }

  /** Problems met while loading, one line each. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Every extension: datasets, backbones, refiners, face detectors, then normalisers. */
  public List<Entry> entries() {
    List<Entry> all = new ArrayList<>(datasets.values());
    all.addAll(backbones.values());
    all.addAll(refiners.values());
    all.addAll(detectors.values());
    all.addAll(normalizers.values());
    return all;
  }

  public DatasetPlugin dataset(String id, String configPath) {
    return (DatasetPlugin) find(datasets, id, "dataset", configPath);
  }

  public BackbonePlugin backbone(String id, String configPath) {
    return (BackbonePlugin) find(backbones, id, "backbone", configPath);
  }

  public RefinerPlugin refiner(String id, String configPath) {
    return (RefinerPlugin) find(refiners, id, "refiner", configPath);
  }

  public FaceDetectorPlugin detector(String id, String configPath) {
    return (FaceDetectorPlugin) find(detectors, id, "face detector", configPath);
  }

  public NormalizerPlugin normalizer(String id, String configPath) {
    return (NormalizerPlugin) find(normalizers, id, "normalizer", configPath);
  }

  public boolean hasDataset(String id) {
    return datasets.containsKey(id);
  }

  private Described find(Map<String, Entry> map, String id, String kind, String configPath) {
    Entry e = map.get(id);
    if (e == null) {
      throw SaException.invalidInput(configPath + ": unknown " + kind + " plugin '" + id + "'"
          + Suggest.hint(id, map.keySet()) + "; loaded: " + (map.isEmpty() ? "none" : String.join(", ", map.keySet())));
    }
    return e.extension();
  }

  @Override
  public void close() {
    manager.stopPlugins();
    manager.unloadPlugins();
  }
}
