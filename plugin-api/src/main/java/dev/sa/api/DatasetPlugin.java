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
}
