package dev.sa.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import dev.sa.api.Landmarks;
import dev.sa.api.Refiner;
import dev.sa.api.RefinerData;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Progress;
import dev.sa.app.run.RunContext;
import dev.sa.app.run.Setup;
import dev.sa.app.run.TinyRun;
import dev.sa.app.run.VariantFigures;
import dev.sa.app.method.Labels;
import dev.sa.app.train.LandmarkNet;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter on a tiny real setup (synthetic plugin, untrained 1-stack hourglass): every figure is written. */
class FigureRunFiguresTest {
  @TempDir
  Path dir;

  /** Moves every point by 0.7 heatmap pixels, so the correction figure has something to show. */
  static final class ShiftRefiner implements Refiner {
    @Override
    public void fit(RefinerData data, Consumer<String> log) {}

    @Override
    public NDArray refine(NDArray heatmaps, NDArray predicted) {
      return predicted.add(0.7f);
    }

    @Override
    public void save(Path d) {}

    @Override
    public void load(Path d) {}
  }

  /** A refiner that fails, as a broken plugin might. */
  static final class BrokenRefiner implements Refiner {
    @Override
    public void fit(RefinerData data, Consumer<String> log) {}

    @Override
    public NDArray refine(NDArray heatmaps, NDArray predicted) {
      throw new IllegalStateException("refiner exploded");
    }

    @Override
    public void save(Path d) {}

    @Override
    public void load(Path d) {}
  }

  @Test
  void everyFigureOfAVariantIsWrittenIntoTheFiguresFolder() throws Exception {
    List<String> sets = List.of("dataset.options.trainSize=12", "dataset.options.commonSize=4",
        "dataset.options.challengeSize=4", "dataset.options.imageSize=48", "input.size=32", "input.heatmapSize=16",
        "train.workers=1", "backbone.options.channels=8", "backbone.options.stacks=1", "backbone.options.depth=1",
        "dataset.validationFraction=0");
    StringWriter log = new StringWriter();
    List<String> problems = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    List<Path> files;
    try (PluginHost host = PluginHost.open(TinyRun.plugins(), false);
        Setup setup = new Setup(ConfigLoader.load(null, sets), host, new Progress(new PrintWriter(log), false));
        LandmarkNet net = setup.newNet(setup.context().config())) {
      RunContext ctx = setup.context();
      List<Landmarks> human = new ArrayList<>();
      ctx.train().forEach(s -> human.add(s.landmarksInImage()));
      Labels labels = new Labels(ctx.train(), human);
      LabelTrail trail = LabelTrail.open(dir.resolve("variant/" + LabelTrail.FILE), labels, 3, 0);
      for (int epoch = 1; epoch <= 4; epoch++) {
        for (int i = 0; i < labels.size(); i++) {
          Landmarks toward = labels.sample(i).truthInImage().orElseThrow();
          labels.setSearched(i, mix(labels.human(i), toward, 1 - Math.pow(0.5, epoch)));
        }
        trail.record(epoch, labels);
      }
      files = VariantFigures.write(ctx, net, labels, trail, new ShiftRefiner(), "HGs+SA+GHCU",
          dir.resolve("figures"), problems::add);
      // A figure that fails is skipped with one line; the others are still written.
      List<Path> partial = VariantFigures.write(ctx, net, labels, trail, new BrokenRefiner(), "broken",
          dir.resolve("broken"), broken::add);
      assertThat(partial).extracting(p -> p.getFileName().toString())
          .containsExactly("broken-heatmaps.png", "broken-label-trail.png");
    }
    assertThat(broken).hasSize(2).allMatch(l -> l.contains("refiner exploded"));
    assertThat(broken.get(1)).startsWith("figures: broken: 'refiner corrections' skipped:");
    assertThat(problems).isEmpty();
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("hgs-sa-ghcu-faces.png",
        "hgs-sa-ghcu-heatmaps.png", "hgs-sa-ghcu-label-trail.png", "hgs-sa-ghcu-refiner-challenge.png");
    for (Path f : files) {
      assertThat(f.getParent()).isEqualTo(dir.resolve("figures"));
      BufferedImage img = ImageIO.read(f.toFile());
      assertThat(img.getWidth()).isGreaterThan(400);
      assertThat(FigureFaceGridTest.distinctColours(img)).isGreaterThan(200);
      Files.copy(f, Fixtures.samples().resolve("run-" + f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static Landmarks mix(Landmarks a, Landmarks b, double f) {
    float[] x = a.toArray();
    float[] y = b.toArray();
    for (int i = 0; i < x.length; i++) {
      x[i] += (float) (f * (y[i] - x[i]));
    }
    return Landmarks.of(x);
  }
}
