package dev.sa.api;

import ai.djl.Device;

/**
 * What the host hands a normaliser plugin.
 *
 * @param seed the run's seed; every random generator is seeded from it
 * @param device where to compute
 * @param options an instance of the plugin's {@link Described#optionsType()}
 */
public record NormalizerSpec(long seed, Device device, Record options) {}
