package dev.sa.plugins.aflw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/**
 * Loads the packaged jar through PF4J, as the host does: mfl-core is shaded in; plugin-support is
 * not, it comes from the host's class path like the API.
 */
class ShadedJarIT {
  @Test
  void opensTheMatFileThroughPf4j(@TempDir Path tmp) throws Exception {
    Path jar = Path.of(System.getProperty("plugin.jar"));
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.loadPlugins();
    manager.startPlugins();
    try {
      List<DatasetPlugin> found = manager.getExtensions(DatasetPlugin.class, "dataset-aflw");
      assertThat(found).extracting(DatasetPlugin::id).containsExactly("aflw");
      ClassLoader pluginLoader = manager.getPluginClassLoader("dataset-aflw");
      assertThat(pluginLoader.loadClass("dev.sa.support.ImageFiles").getClassLoader()).isNotSameAs(pluginLoader);
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        assertThat(zip.stream().map(ZipEntry::getName)).noneMatch(n -> n.startsWith("dev/sa/support/")
            || n.startsWith("dev/sa/plugins/w300/"));
      }
      assertThat(pluginLoader.loadClass("us.hebi.matlab.mat.format.Mat5").getClassLoader()).isSameAs(pluginLoader);
      Path root = tmp.resolve("aflw");
      AflwFixture.image(root.resolve("flickr/0/image00001.jpg"));
      AflwFixture f = new AflwFixture()
          .face("0/image00001.jpg", AflwFixture.points(0), AflwFixture.allVisible())
          .face("0/image00001.jpg", AflwFixture.points(1), AflwFixture.allVisible());
      f.ra = new int[] {2, 1};
      f.write(root.resolve("AFLWinfo_release.mat"));
      Dataset d = found.get(0).open(new DatasetContext(root, 1, "dataset"), null);
      assertThat(d.problems()).isEmpty();
      assertThat(d.split("train")).hasSize(2);
    } finally {
      manager.stopPlugins();
      manager.unloadPlugins();
    }
  }
}
