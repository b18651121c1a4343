package dev.sa.api;

/**
 * Training data for a normaliser: the host renders crops of the training faces, each rotated by
 * an angle the plugin chooses (its own augmentation), with the angle of the face in that crop
 * derived from the human labels (the eye line, see {@link Normalizer}).
 */
public interface NormalizerData {
  /** Number of training faces. */
  int size();

  /**
   * Crops of faces {@code faces[i]}, each turned by {@code rotations[i]} degrees about the face
   * centre (added to the face's own angle: the returned angle is about the original one plus the
   * rotation, wrapped to {@code (-180, 180]}).
   */
  Batch batch(int[] faces, double[] rotations);

  /**
   * @param crops {@code (B, 3, S, S)} at the normaliser's {@link Normalizer#cropSize()}
   * @param angles {@code B} angles of the faces in their crops, degrees
   */
  record Batch(float[] crops, float[] angles) {}
}
