package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.sa.api.FaceSample;
import dev.sa.api.Normalizer;
import dev.sa.api.NormalizerData;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.data.NormalizerCrops;
import dev.sa.app.host.PluginHost;
import dev.sa.app.method.EyeLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rotation normaliser (plugin {@code normalizer-rotation} through the host) learns the angles
 * of synthetic faces turned by up to +-60 degrees: after training, its mean error on freshly turned
 * crops is below 8 degrees (4.1 measured), where always answering 0 errs by about 31.
 */
class NormalizerStageTest {
  @Test
  void theRotationNormaliserLearnsFaceAnglesOnATinySet() {
    List<String> sets = List.of("dataset.options.trainSize=64", "dataset.options.commonSize=2",
        "dataset.options.challengeSize=2", "dataset.options.imageSize=64", "dataset.validationFraction=0",
        "train.workers=1", "normalizer.plugin=rotation",
        "normalizer.options={cropSize: 32, channels: 16, epochs: 80, batch: 8, rotationRange: 60}");
    StringWriter log = new StringWriter();
    ConfigLoader.Loaded loaded = ConfigLoader.load(null, sets);
    try (PluginHost host = PluginHost.open(TinyRun.plugins(), false);
        Setup setup = new Setup(loaded, host, new Progress(new PrintWriter(log), false));
        Normalizer n = NormalizerStage.create(host, loaded.config(), "test", Device.cpu())) {
      List<FaceSample> train = setup.context().train();
      EyeLine eyes = EyeLine.of(setup.context().scheme()).orElseThrow();
      NormalizerCrops crops = new NormalizerCrops(train, n.cropSize(), loaded.config().input().boxScale(), eyes);
      List<String> lines = new ArrayList<>();
      n.fit(crops, lines::add);
      assertThat(lines).hasSize(80).allMatch(l -> l.startsWith("rotation normaliser epoch"));

      Random r = new Random(99);
      int[] faces = new int[train.size()];
      double[] rot = new double[faces.length];
      for (int i = 0; i < faces.length; i++) {
        faces[i] = i;
        rot[i] = (2 * r.nextDouble() - 1) * 60;
      }
      NormalizerData.Batch b = crops.batch(faces, rot);
      float[] predicted = n.predict(b.crops(), faces.length);
      double error = 0;
      double zero = 0;
      for (int i = 0; i < faces.length; i++) {
        error += Math.abs(EyeLine.wrap(predicted[i] - b.angles()[i])) / faces.length;
        zero += Math.abs(b.angles()[i]) / faces.length;
      }
      assertThat(zero).as("the task: angles spread over +-60 degrees").isGreaterThan(20);
      assertThat(error).as("mean angle error in degrees after training").isLessThan(8);
    }
  }
}
