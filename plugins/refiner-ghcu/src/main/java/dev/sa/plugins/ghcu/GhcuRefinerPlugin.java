package dev.sa.plugins.ghcu;

import dev.sa.api.Refiner;
import dev.sa.api.RefinerPlugin;
import dev.sa.api.RefinerSpec;
import dev.sa.api.SaException;
import org.pf4j.Extension;

/** The {@code ghcu} refiner: Global Heatmap Correction Unit, paper Section 4.5 and Table 1. */
@Extension
public final class GhcuRefinerPlugin implements RefinerPlugin {
  /** Id used in configs ({@code refiner: {type: ghcu}}). */
  public static final String ID = "ghcu";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Global Heatmap Correction Unit: CNN from heatmaps to 2N coordinates (paper Sec. 4.5, Table 1)";
  }

  @Override
  public Class<? extends Record> optionsType() {
    return GhcuOptions.class;
  }

  @Override
  public Refiner create(RefinerSpec spec) {
    Record options = spec.options();
    if (options == null) {
      return new GhcuRefiner(spec, GhcuOptions.defaults());
    }
    if (!(options instanceof GhcuOptions ghcu)) {
      throw SaException.pluginError("refiner ghcu: options of type " + options.getClass().getName()
          + " given; expected " + GhcuOptions.class.getName());
    }
    return new GhcuRefiner(spec, ghcu);
  }
}
