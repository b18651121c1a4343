package dev.sa.api;

import ai.djl.Device;

/**
 * What the host hands a refiner plugin.
 *
 * @param scheme the landmark scheme (weak points, flip pairs)
 * @param heatmapSize side h of the heatmaps it sees
 * @param seed the run's seed; every random generator is seeded from it
 * @param device where to compute
 * @param options an instance of the plugin's {@link Described#optionsType()}
 */
public record RefinerSpec(LandmarkScheme scheme, int heatmapSize, long seed, Device device, Record options) {}
