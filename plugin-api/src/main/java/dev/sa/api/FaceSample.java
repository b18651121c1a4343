package dev.sa.api;

import java.util.Optional;

/**
 * One annotated face.
 *
 * @param id unique within the data set; used to key searched labels and exports
 * @param image lazily decoded image
 * @param box face box in image pixels; crops are taken from it
 * @param landmarksInImage the data set's (human) annotation, N points in image pixels
 * @param visible per-landmark visibility; invisible points are left out of the metrics
 * @param truthInImage the true landmarks, known only for synthetic data
 * @param sequence video id and frame index, or empty for still images
 * @param source file the annotation came from (for exports in the data set's own format), may be empty
 */
public record FaceSample(
    String id,
    ImageSource image,
    FaceBox box,
    Landmarks landmarksInImage,
    Visibility visible,
    Optional<Landmarks> truthInImage,
    Optional<Sequence> sequence,
    String source) {

  public FaceSample {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a face sample needs an id");
    }
    if (image == null || box == null || landmarksInImage == null) {
      throw new IllegalArgumentException("face sample " + id + " needs an image, a box and landmarks");
    }
    if (visible == null) {
      visible = Visibility.all(landmarksInImage.count());
    }
    if (visible.count() != landmarksInImage.count()) {
      throw new IllegalArgumentException("face sample " + id + ": visibility has " + visible.count()
          + " entries for " + landmarksInImage.count() + " landmarks");
    }
    truthInImage = truthInImage == null ? Optional.empty() : truthInImage;
    sequence = sequence == null ? Optional.empty() : sequence;
    source = source == null ? "" : source;
  }

  /** A still image with every point visible and no known truth. */
  public static FaceSample of(String id, ImageSource image, FaceBox box, Landmarks landmarksInImage, String source) {
    return new FaceSample(id, image, box, landmarksInImage, null, Optional.empty(), Optional.empty(), source);
  }

  /** Video frame identity. */
  public record Sequence(String videoId, int frame) {}
}
