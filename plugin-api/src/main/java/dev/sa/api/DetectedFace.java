package dev.sa.api;

/**
 * One face a {@link FaceDetector} found.
 *
 * @param box the face box in image pixels, as the detector frames the face; {@code sa predict} crops
 *     it as it crops a box given in {@code --boxes}
 * @param score the detector's confidence, higher is surer; its scale is the detector's own (the
 *     {@code opencv} plugin gives the number of merged neighbour windows), documented by each plugin
 */
public record DetectedFace(FaceBox box, double score) {
  public DetectedFace {
    if (box == null) {
      throw new IllegalArgumentException("detected face needs a box");
    }
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("detected face score must be finite, got " + score);
    }
  }
}
