package dev.sa.api;

import org.pf4j.ExtensionPoint;

/** Extension point for refiners: GHCU, PCA, or a third party's. */
public interface RefinerPlugin extends ExtensionPoint, Described {
  Refiner create(RefinerSpec spec);
}
