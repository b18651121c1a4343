package dev.sa.app.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.api.Backbone;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.ImageSource;
import dev.sa.api.Landmarks;
import dev.sa.app.BlankImage;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.method.Frames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The training targets, decoded as if they were predictions, give back the labels (augmented crops too). */
class DecodeTargetsTest {
  @Test
  void targetsOfAugmentedFlippedCropsDecodeBackToTheImageLabels() {
    int n = 3;
    int[] flip = {1, 0, 2};
    HeatmapCodec codec = new HeatmapCodec(32, 1.0);
    ImageSource img = new BlankImage(120, 100);
    Random r = new Random(5);
    List<BatchSource.Item> items = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      float cx = 50 + r.nextFloat() * 20;
      Landmarks l = Landmarks.of(new float[] {cx - 15, 40, cx + 15, 41, cx, 70});
      items.add(new BatchSource.Item(i, FaceSample.of("f" + i, img, FaceBox.around(l, 2.5), l, ""), l));
    }
    Frames frames = new Frames(64, 32, 1.0, flip);
    try (BatchSource src = new BatchSource(1, frames, codec)) {
      Iterator<BatchSource.Batch> it = src.pass(items, 4, new BatchSource.Augment(15, 0.1, 0.05, true), true, 9);
      double worst = 0;
      while (it.hasNext()) {
        BatchSource.Batch b = it.next();
        Landmarks[] back = Inference.decode(Backbone.Output.HEATMAPS, codec, frames, b, b.targets(), null);
        for (int i = 0; i < b.size(); i++) {
          Landmarks truth = b.items().get(i).targetInImage();
          for (int k = 0; k < n; k++) {
            worst = Math.max(worst, back[i].distance(k, truth));
          }
        }
      }
      assertThat(worst).isLessThan(0.05);
    }
  }
}
