package dev.sa.api;

/**
 * What the host hands a face-detector plugin.
 *
 * @param options an instance of the plugin's {@link Described#optionsType()}
 */
public record DetectorSpec(Record options) {}
