package dev.sa.app.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.app.method.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureLabelTrailTest {
  @TempDir
  Path dir;

  static Labels labels(int faces) {
    List<FaceSample> samples = new ArrayList<>();
    List<Landmarks> start = new ArrayList<>();
    for (int i = 0; i < faces; i++) {
      FaceSample s = Fixtures.sample(i == 3 ? "odd, \"quoted\" id" : "train/" + i, 64, i);
      samples.add(s);
      start.add(s.landmarksInImage());
    }
    return new Labels(samples, start);
  }

  @Test
  void csvRoundTripKeepsEveryEpochBitForBit() throws Exception {
    Labels labels = labels(10);
    Path file = dir.resolve(LabelTrail.FILE);
    LabelTrail trail = LabelTrail.open(file, labels, 4, 0);
    assertThat(trail.indices()).containsExactly(1, 3, 6, 8);
    for (int epoch = 1; epoch <= 3; epoch++) {
      for (int i = 0; i < labels.size(); i++) {
        labels.setSearched(i, Fixtures.shift(labels.human(i), 0.1f / 3 * epoch, -1e-7 * epoch));
      }
      trail.record(epoch, labels);
    }
    LabelTrail back = LabelTrail.load(file);
    assertThat(back.indices()).isEqualTo(trail.indices());
    assertThat(back.ids()).contains("odd, \"quoted\" id");
    assertThat(back.epochs()).containsExactly(0, 1, 2, 3);
    for (int slot = 0; slot < 4; slot++) {
      assertThat(back.path(slot)).isEqualTo(trail.path(slot));
    }
    assertThat(back.path(0).get(0)).isEqualTo(labels.human(1));
    assertThat(back.path(0).get(3)).isEqualTo(labels.searched(1));
    assertThat(Files.readAllLines(file)).hasSize(1 + 4 * 4 * 68);
  }

  @Test
  void resumingReopensTheFileAndARepeatedEpochReplacesLaterOnes() throws Exception {
    Labels labels = labels(6);
    Path file = dir.resolve(LabelTrail.FILE);
    LabelTrail trail = LabelTrail.open(file, labels, 3, 0);
    for (int epoch = 1; epoch <= 3; epoch++) {
      labels.setSearched(trail.indices().get(0), Fixtures.shift(labels.human(0), epoch, 0));
      trail.record(epoch, labels);
    }
    // A run killed after the search of epoch 3 but before its checkpoint resumes at epoch 2.
    LabelTrail resumed = LabelTrail.open(file, labels, 3, 2);
    assertThat(resumed.epochs()).containsExactly(0, 1, 2, 3);
    labels.setSearched(trail.indices().get(0), Fixtures.shift(labels.human(0), 9, 0));
    resumed.record(2, labels);
    assertThat(LabelTrail.load(file).epochs()).containsExactly(0, 1, 2);
    assertThat(LabelTrail.load(file).path(0).get(2)).isEqualTo(Fixtures.shift(labels.human(0), 9, 0));
  }

  @Test
  void aTrailOfOtherFacesIsReplacedAndBadFilesNameTheLine() throws Exception {
    Path file = dir.resolve(LabelTrail.FILE);
    LabelTrail.open(file, labels(6), 3, 0);
    LabelTrail other = LabelTrail.open(file, labels(12), 3, 0);
    assertThat(other.indices()).containsExactly(2, 6, 10);
    assertThat(other.epochs()).containsExactly(0);
    assertThat(LabelTrail.readIfExists(dir.resolve("none.csv"))).isEmpty();

    Files.writeString(file, "epoch,index,id,point,x,y\n0,1,a,0,1.5,2\n0,1,a,1,x,2\n");
    assertThatThrownBy(() -> LabelTrail.load(file)).isInstanceOf(IOException.class).hasMessageContaining(":3:");
    Files.writeString(file, "wrong\n");
    assertThatThrownBy(() -> LabelTrail.load(file)).hasMessageContaining(":1: expected the header");
    assertThat(LabelTrail.choose(2, 4)).containsExactly(0, 1);
    assertThat(LabelTrail.choose(100, 4)).containsExactly(12, 37, 62, 87);
  }
}
