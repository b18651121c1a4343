package dev.sa.api;

import java.nio.file.Path;

/**
 * What the host hands a data set plugin when opening it.
 *
 * @param root the data set's folder (default {@code datasets/<id>})
 * @param seed the run's seed, for plugins that generate or sample data
 * @param configPath dotted config path of the data set entry, for error messages
 */
public record DatasetContext(Path root, long seed, String configPath) {}
