package dev.sa.plugins.hourglass;

import dev.sa.api.Backbone;
import dev.sa.api.BackbonePlugin;
import dev.sa.api.BackboneSpec;
import org.pf4j.Extension;

/**
 * The {@code hourglass} backbone: a stacked hourglass (Newell et al. 2016) predicting one heatmap
 * per landmark at every stack, as in paper Section 5. See {@link StackedHourglass} for the output
 * contract and {@link HourglassOptions} for the options.
 */
@Extension
public final class HourglassPlugin implements BackbonePlugin {
  @Override
  public String id() {
    return "hourglass";
  }

  @Override
  public String description() {
    return "Stacked hourglass (Newell et al. 2016): per-stack heatmaps (B, N, h, h), h = S, S/2 or S/4";
  }

  @Override
  public Class<? extends Record> optionsType() {
    return HourglassOptions.class;
  }

  /**
   * Builds an uninitialised {@link StackedHourglass}.
   *
   * @throws IllegalArgumentException if S / h is not 1, 2 or 4, the heatmap side cannot be halved
   *     at least once (odd or below 4), or the options are of another plugin's type
   */
  @Override
  public Backbone build(BackboneSpec spec) {
    HourglassOptions options = options(spec.options());
    int ratio = ratio(spec.inputSize(), spec.heatmapSize());
    int depth = options.effectiveDepth(spec.heatmapSize());
    StackedHourglass block = new StackedHourglass(
        spec.landmarks(), ratio, options.stacks(), depth, options.channels(), spec.inputSize(),
        HourglassBlocks.norm(options));
    return new Backbone(block, Backbone.Output.HEATMAPS, options.stacks());
  }

  private static HourglassOptions options(Record options) {
    if (options == null) {
      return HourglassOptions.defaults();
    }
    if (options instanceof HourglassOptions hourglass) {
      return hourglass;
    }
    throw new IllegalArgumentException("hourglass backbone expects options of type "
        + HourglassOptions.class.getName() + ", got " + options.getClass().getName());
  }

  private static int ratio(int inputSize, int heatmapSize) {
    if (inputSize % heatmapSize == 0) {
      int ratio = inputSize / heatmapSize;
      if (ratio == 1 || ratio == 2 || ratio == 4) {
        return ratio;
      }
    }
    throw new IllegalArgumentException("hourglass backbone needs input size / heatmap size of 1, 2"
        + " or 4 (e.g. 64/64, 64/32, 256/64), got " + inputSize + "/" + heatmapSize);
  }
}
