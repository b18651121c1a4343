package dev.sa.app.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real plugin jars in a temp folder, the way a third party would, outside this build. */
public final class PluginJars {
  private PluginJars() {}

  /**
   * Compiles {@code sources} (class name to source) against the test class path and writes a jar
   * with {@code plugin.properties} and, if {@code index} is true, {@code META-INF/extensions.idx}.
   */
  public static Path build(Path dir, String jarName, String pluginId, String requires, Map<String, String> sources,
      List<String> extensions, boolean index) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src-" + jarName));
    Path classes = Files.createDirectories(dir.resolve("classes-" + jarName));
    List<String> files = new java.util.ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
      files.add(f.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new java.util.ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp",
        System.getProperty("java.class.path")));
    args.addAll(files);
    int rc = javac.run(null, null, null, args.toArray(new String[0]));
    if (rc != 0) {
      throw new IllegalStateException("test plugin did not compile");
    }
    Path jar = dir.resolve(jarName);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      put(out, "plugin.properties", "plugin.id=" + pluginId + "\nplugin.version=1.0.0\nplugin.requires=" + requires
          + "\nplugin.description=test plugin\nplugin.provider=third party\n");
      if (index) {
        put(out, "META-INF/extensions.idx", String.join("\n", extensions) + "\n");
      }
      try (var walk = Files.walk(classes)) {
        for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
          out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
          Files.copy(p, out);
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  private static void put(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream o = out;
    o.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }

  /** Source of a small third-party data set plugin with one face per split. */
  public static String datasetSource(String pkg, String cls, String id) {
    return """
        package %1$s;
        import dev.sa.api.*;
        import java.awt.image.BufferedImage;
        import java.util.List;
        import org.pf4j.Extension;
        @Extension
        public class %2$s implements DatasetPlugin {
          public String id() { return "%3$s"; }
          public String description() { return "third-party faces"; }
          public LandmarkScheme scheme() {
            return new LandmarkScheme("tri", List.of("a", "b", "c"),
                List.of(new LandmarkScheme.FlipPair(0, 1)),
                List.of(new Normalization.PointGroups("ab", List.of(0), List.of(1))), java.util.Set.of(2));
          }
          public Dataset open(DatasetContext ctx, Record options) {
            LandmarkScheme s = scheme();
            return new Dataset() {
              public LandmarkScheme scheme() { return s; }
              public List<String> splitNames() { return List.of("train", "test"); }
              public List<FaceSample> split(String name) {
                ImageSource img = new ImageSource() {
                  public BufferedImage load() { return new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB); }
                  public String describe() { return "generated"; }
                };
                return List.of(FaceSample.of(name + "/0", img, new FaceBox(4, 4, 28, 28),
                    Landmarks.of(new float[] {10, 12, 22, 12, 16, 22}), "generated"));
              }
              public List<DataProblem> problems() { return List.of(); }
            };
          }
        }
        """.formatted(pkg, cls, id);
  }
}
