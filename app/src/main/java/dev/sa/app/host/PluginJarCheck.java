package dev.sa.app.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Checks plugin jars before PF4J sees them, so that each broken jar gives one line naming it and
 * the reason instead of PF4J's stack traces: not a zip (garbage, empty, truncated), no plugin
 * descriptor, a plugin id an earlier jar already has, or an extension class listed in
 * {@code META-INF/extensions.idx} that the jar does not hold.
 */
final class PluginJarCheck {
  private static final String PROPERTIES = "plugin.properties";
  private static final String INDEX = "META-INF/extensions.idx";

  /** Plugin id to the file name of the jar that brought it. */
  private final Map<String, String> ids = new HashMap<>();

  /** The reason {@code jar} cannot be a plugin, or empty when it may be loaded. */
  Optional<String> problem(Path jar) {
    String name = jar.getFileName().toString();
    try {
      if (Files.size(jar) == 0) {
        return Optional.of("not a jar (empty file)");
      }
    } catch (IOException e) {
      return Optional.of("cannot read it: " + e.getMessage());
    }
    try (JarFile zip = new JarFile(jar.toFile())) {
      Optional<String> id = pluginId(zip);
      if (id.isEmpty()) {
        return Optional.of("no plugin descriptor (" + PROPERTIES + " with plugin.id, or a manifest with Plugin-Id)");
      }
      String first = ids.putIfAbsent(id.get(), name);
      if (first != null) {
        return Optional.of("plugin id '" + id.get() + "' is already loaded from " + first + "; skipping this copy");
      }
      return missingExtension(zip);
    } catch (IOException | SecurityException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Optional.of("not a jar (" + why.replaceAll("\\s+", " ").strip() + ")");
    }
  }

  private static Optional<String> pluginId(JarFile zip) throws IOException {
    ZipEntry props = zip.getEntry(PROPERTIES);
    if (props != null) {
      Properties p = new Properties();
      try (InputStream in = zip.getInputStream(props)) {
        p.load(in);
      }
      String id = p.getProperty("plugin.id");
      if (id != null && !id.isBlank()) {
        return Optional.of(id.strip());
      }
    }
    Manifest m = zip.getManifest();
    String id = m == null ? null : m.getMainAttributes().getValue(new Attributes.Name("Plugin-Id"));
    return id == null || id.isBlank() ? Optional.empty() : Optional.of(id.strip());
  }

  private static Optional<String> missingExtension(JarFile zip) throws IOException {
    ZipEntry index = zip.getEntry(INDEX);
    if (index == null) {
      return Optional.empty(); // reported after loading as "no extension found"
    }
    String text;
    try (InputStream in = zip.getInputStream(index)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String line : text.split("\\R")) {
      String cls = line.strip();
      if (!cls.isEmpty() && !cls.startsWith("#") && zip.getEntry(cls.replace('.', '/') + ".class") == null) {
        return Optional.of("class " + cls + " named in " + INDEX + " is missing from the jar");
      }
    }
    return Optional.empty();
  }
}
