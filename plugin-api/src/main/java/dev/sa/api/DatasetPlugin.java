package dev.sa.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point for data sets (300W, AFLW, 300-VW, synthetic, or a third party's). A plugin jar
 * dropped into the plugins folder is found through PF4J's {@code META-INF/extensions.idx}.
 */
public interface DatasetPlugin extends ExtensionPoint, Described {
  /** The scheme of this data set's landmarks, available without opening any file. */
  LandmarkScheme scheme();

  /**
   * Opens the data set. Bad files give {@link SaException#dataError} naming file and line, or are
   * collected in {@link Dataset#problems()} when the rest is usable.
   *
   * @param options an instance of {@link #optionsType()}
   */
  Dataset open(DatasetContext context, Record options);

  /**
   * How this data set's face boxes relate to a tight face box (the box around a face's landmarks,
   * or a face detector's box): its boxes are that box enlarged by this factor about its centre.
   * {@code sa predict} and the Java API enlarge a box given for a new image by it, so that the crop
   * is the one training took of a face with that landmark box. Default 1.0: the data set's boxes
   * are such face boxes themselves (a face detector's, or annotated face rectangles).
   *
   * @param options an instance of {@link #optionsType()}, or null for the defaults
   */
  default double faceBoxScale(Record options) {
    return 1.0;
  }
}
