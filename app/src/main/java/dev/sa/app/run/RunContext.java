package dev.sa.app.run;

import ai.djl.Device;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Normalization;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.method.Frames;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every variant of one data setup shares, opened once by {@link Setup}: the config of the
 * group's first variant, the data set's scheme and its training / validation / test faces, the
 * normaliser, the coordinate frames, the codec and the data pipeline (owned by the setup, which
 * closes it).
 *
 * @param configSource where the config came from (file name), for messages
 * @param tests test subsets by name, in the config's order
 * @param skipped bad samples the data set left out ({@code dataset.skipBadSamples})
 */
public record RunContext(String configSource, SaConfig config, LandmarkScheme scheme, List<FaceSample> train,
    List<FaceSample> val, Map<String, List<FaceSample>> tests, Normalization normalization, Frames frames,
    HeatmapCodec codec, BatchSource batches, Device device, int skipped) {
  public RunContext {
    train = List.copyOf(train);
    val = List.copyOf(val);
    Map<String, List<FaceSample>> t = new LinkedHashMap<>();
    tests.forEach((k, v) -> t.put(k, List.copyOf(v)));
    tests = Collections.unmodifiableMap(t);
  }
}
