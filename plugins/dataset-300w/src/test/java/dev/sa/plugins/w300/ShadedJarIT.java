package dev.sa.plugins.w300;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/** Loads the packaged jar through PF4J, as the host does; the .mat boxes need the shaded mfl-core. */
class ShadedJarIT {
  @Test
  void opensThroughPf4jWithTheShadedMatReader(@TempDir Path tmp) throws Exception {
    Path jar = Path.of(System.getProperty("plugin.jar"));
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.loadPlugins();
    manager.startPlugins();
    try {
      List<DatasetPlugin> found = manager.getExtensions(DatasetPlugin.class, "dataset-300w");
      assertThat(found).extracting(DatasetPlugin::id).containsExactly("300w");
      ClassLoader pluginLoader = manager.getPluginClassLoader("dataset-300w");
      assertThat(pluginLoader.loadClass("us.hebi.matlab.mat.format.Mat5").getClassLoader()).isSameAs(pluginLoader);
      Path root = tmp.resolve("300w");
      Fixtures.sample(root, "ibug", "image_003_1", Fixtures.face(0));
      Fixtures.boxes(root.resolve("Bounding Boxes/bounding_boxes_ibug.mat"), new String[] {"image_003_1.jpg"},
          new double[][] {{11, 21, 51, 61}}, new double[][] {{13, 7, 53, 55}});
      Dataset d = found.get(0).open(new DatasetContext(root, 1, "dataset"), null);
      assertThat(d.problems()).isEmpty();
      assertThat(d.split("challenge")).singleElement().satisfies(s -> assertThat(s.box()).isEqualTo(new FaceBox(10, 20, 50, 60)));
    } finally {
      manager.stopPlugins();
      manager.unloadPlugins();
    }
  }
}
