package dev.sa.plugins.vw300;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceSample;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/**
 * Loads the packaged plugin jar through PF4J, as the host does, and decodes video frames with the
 * JavaCV/FFmpeg copy shaded into it: JavaCPP must find its natives through PF4J's child class
 * loader. Nothing here touches JavaCV through the test's own class path.
 */
class ShadedJarIT {
  @Test
  void decodesVideoThroughTheShadedJarInAPluginClassLoader(@TempDir Path tmp) throws Exception {
    Path jar = Path.of(System.getProperty("plugin.jar"));
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.loadPlugins();
    manager.startPlugins();
    try {
      // By plugin id: the test class path carries extension indexes of its own.
      List<DatasetPlugin> found = manager.getExtensions(DatasetPlugin.class, "dataset-300vw");
      assertThat(found).extracting(DatasetPlugin::id).containsExactly("300vw");
      ClassLoader pluginLoader = manager.getPluginClassLoader("dataset-300vw");
      Class<?> recorderClass = pluginLoader.loadClass("org.bytedeco.javacv.FFmpegFrameRecorder");
      assertThat(recorderClass.getClassLoader()).isSameAs(pluginLoader);
      assertThat(found.get(0).getClass().getClassLoader()).isSameAs(pluginLoader);

      Path root = tmp.resolve("300vw");
      encodeInPlugin(pluginLoader, root.resolve("410/vid.avi").toFile());
      for (int f = 1; f <= 3; f++) {
        VwFixtures.annotation(root, "410", f, VwFixtures.face(0));
      }
      Dataset d = found.get(0).open(new DatasetContext(root, 1, "dataset"), null);
      assertThat(d.problems()).isEmpty();
      List<FaceSample> frames = d.split("category3");
      assertThat(frames).hasSize(3);
      for (int k = 2; k >= 0; k--) {
        BufferedImage img = frames.get(k).image().load();
        assertThat(VwFixtures.meanLevel(img)).isCloseTo(40 + 60 * k, Offset.offset(8.0));
      }
    } finally {
      manager.stopPlugins();
      manager.unloadPlugins();
    }
  }

  /** Three gray frames, encoded by the plugin's own JavaCV classes (reflection: no second copy here). */
  private static void encodeInPlugin(ClassLoader loader, File avi) throws Exception {
    Files.createDirectories(avi.toPath().getParent());
    Class<?> recorderClass = loader.loadClass("org.bytedeco.javacv.FFmpegFrameRecorder");
    Class<?> frameClass = loader.loadClass("org.bytedeco.javacv.Frame");
    Class<?> converterClass = loader.loadClass("org.bytedeco.javacv.Java2DFrameConverter");
    int mpeg4 = loader.loadClass("org.bytedeco.ffmpeg.global.avcodec").getField("AV_CODEC_ID_MPEG4").getInt(null);
    Object recorder = recorderClass.getConstructor(File.class, int.class, int.class, int.class)
        .newInstance(avi, VwFixtures.WIDTH, VwFixtures.HEIGHT, 0);
    recorderClass.getMethod("setFormat", String.class).invoke(recorder, "avi");
    recorderClass.getMethod("setVideoCodec", int.class).invoke(recorder, mpeg4);
    recorderClass.getMethod("setFrameRate", double.class).invoke(recorder, 25.0);
    recorderClass.getMethod("start").invoke(recorder);
    Object converter = converterClass.getConstructor().newInstance();
    for (int f = 0; f < 3; f++) {
      Object frame = converterClass.getMethod("convert", BufferedImage.class).invoke(converter, VwFixtures.gray(40 + 60 * f));
      recorderClass.getMethod("record", frameClass).invoke(recorder, frame);
    }
    recorderClass.getMethod("stop").invoke(recorder);
    recorderClass.getMethod("release").invoke(recorder);
  }
}
