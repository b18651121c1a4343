package dev.sa.api;

import org.pf4j.ExtensionPoint;

/** Extension point for backbones: stacked hourglass, ResNet regression, or a third party's. */
public interface BackbonePlugin extends ExtensionPoint, Described {
  /** Builds an uninitialised block; the host initialises it with the run's seed. */
  Backbone build(BackboneSpec spec);
}
