package dev.sa.app.api;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;

/**
 * One face's landmarks (immutable).
 *
 * @param box the face box, tight around the face (as given, or as the detector found it), in image
 *     pixels with pixel centres at integer coordinates
 * @param detectorScore the face detector's score (its own scale, higher is surer), or {@code NaN}
 *     when the box was given
 * @param landmarks the points in image pixels, in the landmark scheme of the run's data set
 * @param scores one per landmark: the peak value of its heatmap (the training targets peak at 1;
 *     higher is surer), or {@code NaN} for a backbone that outputs coordinates
 */
public record Face(FaceBox box, double detectorScore, Landmarks landmarks, float[] scores) {
  public Face {
    scores = scores.clone();
  }

  /** A copy of the scores. */
  @Override
  public float[] scores() {
    return scores.clone();
  }

  /** The score of landmark {@code k}. */
  public float score(int k) {
    return scores[k];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Face f && box.equals(f.box) && Double.compare(detectorScore, f.detectorScore) == 0
        && landmarks.equals(f.landmarks) && java.util.Arrays.equals(scores, f.scores);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(box, detectorScore, landmarks, java.util.Arrays.hashCode(scores));
  }

  @Override
  public String toString() {
    return "Face[box=" + box + ", detectorScore=" + detectorScore + ", landmarks=" + landmarks.count() + " points]";
  }
}
