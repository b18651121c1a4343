package dev.sa.tools.bench;

import dev.sa.api.DetectedFace;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceDetector;
import dev.sa.api.RealPhotos;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a face detector finds on real photos ({@link RealPhotos}): the 100 Labeled Faces in the
 * Wild crops laid out at 36, 48, 60 and 90 px (faces found, stray boxes), the 100 non-face crops
 * at 60 px and the 15 photos without a face (false boxes), and the astronaut's face (boxes, IoU of
 * the best with the hand-marked box). Rows of section {@code predict}; no timing.
 */
final class DetectorRecall {
  static final int[] SIDES = {36, 48, 60, 90};

  private final BenchTable table;
  private final String plugin;

  DetectorRecall(BenchTable table, String plugin) {
    this.table = table;
    this.plugin = plugin;
  }

  void run(FaceDetector detector, Path dir) throws IOException {
    float[][][] lfw = RealPhotos.lfw(dir);
    for (int side : SIDES) {
      RealPhotos.Mosaic faces = RealPhotos.mosaic(lfw, 0, 100, side);
      RealPhotos.Score s = faces.score(boxes(detector.detect(faces.image())));
      String item = String.format(Locale.ROOT, "LFW faces at %d px", side);
      table.add("predict", item, plugin, "faces_found_of_100", s.found().size(), "faces");
      table.add("predict", item, plugin, "stray_boxes", s.others(), "boxes");
    }
    RealPhotos.Mosaic none = RealPhotos.mosaic(lfw, 100, 200, 60);
    table.add("predict", "LFW non-face crops at 60 px", plugin, "false_boxes", detector.detect(none.image()).size(),
        "boxes");
    int falseBoxes = 0;
    for (String name : RealPhotos.NEGATIVES) {
      falseBoxes += detector.detect(RealPhotos.read(dir, name)).size();
    }
    table.add("predict", RealPhotos.NEGATIVES.size() + " photos without a face", plugin, "false_boxes", falseBoxes,
        "boxes");
    List<DetectedFace> astronaut = detector.detect(RealPhotos.read(dir, "astronaut.png"));
    double best = 0;
    for (DetectedFace f : astronaut) {
      best = Math.max(best, f.box().iou(RealPhotos.ASTRONAUT_FACE));
    }
    table.add("predict", "astronaut.png (one face)", plugin, "boxes", astronaut.size(), "boxes");
    table.add("predict", "astronaut.png (one face)", plugin, "best_iou", best, "");
  }

  private static List<FaceBox> boxes(List<DetectedFace> faces) {
    return faces.stream().map(DetectedFace::box).toList();
  }
}
