package dev.sa.plugins.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.api.DetectedFace;
import dev.sa.api.DetectorSpec;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceDetector;
import dev.sa.api.FaceDetectorPlugin;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/**
 * Loads the packaged plugin jar through PF4J, as the host does: JavaCPP must find OpenCV's natives
 * and the cascades inside the shaded jar through PF4J's child class loader.
 */
class ShadedJarIT {
  @Test
  void detectsThroughTheShadedJarInAPluginClassLoader(@TempDir Path tmp) throws Exception {
    Path jar = Path.of(System.getProperty("plugin.jar"));
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.loadPlugins();
    manager.startPlugins();
    try {
      List<FaceDetectorPlugin> found = manager.getExtensions(FaceDetectorPlugin.class, "detector-opencv");
      assertThat(found).extracting(FaceDetectorPlugin::id).containsExactly("opencv");
      FaceDetectorPlugin plugin = found.get(0);
      assertThat(plugin.getClass().getClassLoader()).isSameAs(manager.getPluginClassLoader("detector-opencv"));
      List<FaceBox> truth = new ArrayList<>();
      BufferedImage img = CascadeDetectorTest.group(CascadeDetectorTest.rendered(3, 160), 64, truth);
      try (FaceDetector d = plugin.create(new DetectorSpec(null))) {
        List<DetectedFace> faces = d.detect(img);
        assertThat(faces).hasSize(3);
        assertThat(CascadeDetectorTest.hits(faces, truth)).isEqualTo(3);
      }
    } finally {
      manager.stopPlugins();
      manager.unloadPlugins();
    }
  }
}
