package dev.sa.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 10: a garbage jar, an empty jar, a truncated one, one whose class is missing and
 * a duplicate id each give one problem line naming the jar and the reason; nothing reaches stderr
 * (PF4J's own logging included) and the good plugin still loads.
 */
@Tag("reliability")
class BrokenPluginJarsTest {
  @TempDir Path dir;

  private Path good(String jar, String pluginId, String cls, String id) throws IOException {
    return PluginJars.build(dir, jar, pluginId, ">=0.1.0",
        Map.of("com.example." + cls.toLowerCase() + "." + cls,
            PluginJars.datasetSource("com.example." + cls.toLowerCase(), cls, id)),
        List.of("com.example." + cls.toLowerCase() + "." + cls), true);
  }

  /** A copy of {@code jar} without the entries whose name ends with {@code suffix}. */
  private static void without(Path jar, String suffix, Path target) throws IOException {
    try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
      for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        if (!e.getName().endsWith(suffix)) {
          out.putNextEntry(new JarEntry(e.getName()));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
  }

  private record Loaded(List<String> ids, List<String> problems, String stderr) {}

  private Loaded load() {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (PluginHost host = PluginHost.open(dir, false)) {
      return new Loaded(host.entries().stream().map(PluginHost.Entry::id).toList(), host.problems(),
          captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }

  private void onlyJars(String... keep) throws IOException {
    List<String> names = Arrays.asList(keep);
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        if (Files.isDirectory(p)) {
          try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          }
        } else if (!names.contains(p.getFileName().toString())) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  void eachBrokenJarIsOneLineNamingItAndTheGoodOneLoads() throws Exception {
    Path good = good("good.jar", "third-party-faces", "FacesPlugin", "faces");
    Path other = good("other.jar", "third-party-other", "OtherPlugin", "other");
    byte[] bytes = Files.readAllBytes(good);
    byte[] garbage = new byte[4096];
    new Random(3).nextBytes(garbage);
    Files.write(dir.resolve("garbage.jar"), garbage);
    Files.write(dir.resolve("empty.jar"), new byte[0]);
    Files.write(dir.resolve("truncated.jar"), Arrays.copyOf(bytes, bytes.length / 2));
    without(other, "OtherPlugin.class", dir.resolve("noclass.jar"));
    Files.delete(other);
    Files.copy(good, dir.resolve("copy-of-good.jar"));
    onlyJars("good.jar", "garbage.jar", "empty.jar", "truncated.jar", "noclass.jar", "copy-of-good.jar");

    Loaded l = load();
    assertThat(l.ids()).containsExactly("faces");
    assertThat(l.stderr()).as("PF4J logs nothing of its own").isEmpty();
    assertThat(l.problems()).hasSize(5).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
    assertThat(l.problems()).anySatisfy(p -> assertThat(p).startsWith("plugin garbage.jar: not a jar"))
        .anySatisfy(p -> assertThat(p).startsWith("plugin empty.jar: not a jar (empty file)"))
        .anySatisfy(p -> assertThat(p).startsWith("plugin truncated.jar: not a jar"))
        .anySatisfy(p -> assertThat(p).isEqualTo("plugin noclass.jar: class com.example.otherplugin.OtherPlugin "
            + "named in META-INF/extensions.idx is missing from the jar"))
        .anySatisfy(p -> assertThat(p).startsWith("plugin copy-of-good.jar: plugin id 'third-party-faces' is "
            + "already loaded from good.jar; skipping this copy"));
  }

  @Test
  void aJarWithoutDescriptorIsNamed() throws Exception {
    Path good = good("good.jar", "third-party-faces", "FacesPlugin", "faces");
    without(good, "plugin.properties", dir.resolve("nodescriptor.jar"));
    onlyJars("good.jar", "nodescriptor.jar");
    Loaded l = load();
    assertThat(l.ids()).containsExactly("faces");
    assertThat(l.stderr()).isEmpty();
    assertThat(l.problems()).singleElement().asString()
        .startsWith("plugin nodescriptor.jar: no plugin descriptor");
  }
}
