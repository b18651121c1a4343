package dev.sa.plugins.w300;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Measures (does not assert) how long opening a full-size 300W training set takes. */
@Tag("slow")
class OpenSpeedTest {
  @Test
  void opensTheFullTrainingSetFromTextAndHeadersOnly(@TempDir Path root) throws Exception {
    String[] folders = {"afw", "helen/trainset", "lfpw/trainset"};
    int[] counts = {337, 2000, 811};
    Fixtures.sample(root, "afw", "template", Fixtures.face(0));
    Path image = root.resolve("afw/template.jpg");
    String pts = Fixtures.pts(Fixtures.face(0));
    for (int f = 0; f < folders.length; f++) {
      Files.createDirectories(root.resolve(folders[f]));
      for (int i = f == 0 ? 1 : 0; i < counts[f]; i++) {
        Files.copy(image, root.resolve(folders[f]).resolve("img_" + i + ".jpg"));
        Files.writeString(root.resolve(folders[f]).resolve("img_" + i + ".pts"), pts);
      }
    }
    long start = System.nanoTime();
    Dataset d = new W300Plugin().open(new DatasetContext(root, 1, "dataset"), null);
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("[bench] opened " + d.split("train").size() + " 300W training faces in " + ms + " ms");
    assertThat(d.split("train")).hasSize(3148);
  }
}
