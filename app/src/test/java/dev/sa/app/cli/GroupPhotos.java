package dev.sa.app.cli;

import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.TinyRun;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** "Group photos" of frontal synthetic faces (seed 11, which the OpenCV cascades find) on a gray canvas. */
public final class GroupPhotos {
  private GroupPhotos() {}

  /** Renders {@code count} synthetic faces side by side at {@code side} px into a PNG; returns their boxes. */
  public static List<FaceBox> write(Path file, int count, int side) throws Exception {
    List<FaceBox> truth = new ArrayList<>();
    try (PluginHost host = PluginHost.open(TinyRun.plugins(), false)) {
      DatasetPlugin dp = host.dataset("synthetic", "dataset.plugin");
      Record options = PluginOptions.bind(ConfigLoader.YAML.readTree("{imageSize: 160, rotationStd: 0, yawMax: 0,"
          + " trainSize: " + count + ", commonSize: 0, challengeSize: 0}"), dp.optionsType(), "options", "test");
      List<FaceSample> faces = dp.open(new DatasetContext(Path.of("unused"), 11, "dataset"), options).split("train");
      int margin = side / 2;
      BufferedImage img = new BufferedImage(margin + count * (side + margin), side + 2 * margin,
          BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(new Color(120, 130, 140));
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      for (int i = 0; i < count; i++) {
        BufferedImage face = faces.get(i).image().load();
        double k = (double) side / face.getWidth();
        int x0 = margin + i * (side + margin);
        g.drawImage(face, x0, margin, side, side, null);
        FaceBox b = faces.get(i).box();
        truth.add(new FaceBox(x0 + (b.x1() + 0.5) * k - 0.5, margin + (b.y1() + 0.5) * k - 0.5,
            x0 + (b.x2() + 0.5) * k - 0.5, margin + (b.y2() + 0.5) * k - 0.5));
      }
      g.dispose();
      ImageIO.write(img, "png", file.toFile());
    }
    return truth;
  }
}
