package dev.sa.plugins.pca;

import dev.sa.api.Refiner;
import dev.sa.api.RefinerPlugin;
import dev.sa.api.RefinerSpec;
import dev.sa.api.SaException;
import org.pf4j.Extension;

/** The {@code pca} refiner: robust 2-D shape PCA post-processing, the baseline of paper Table 8. */
@Extension
public final class PcaRefinerPlugin implements RefinerPlugin {
  /** Id used in configs ({@code refiner: {type: pca}}). */
  public static final String ID = "pca";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Robust 2-D shape PCA fitted to confidence-weighted predictions (CLM/LGCN post-processing, paper Table 8)";
  }

  @Override
  public Class<? extends Record> optionsType() {
    return PcaOptions.class;
  }

  @Override
  public Refiner create(RefinerSpec spec) {
    Record options = spec.options();
    if (options == null) {
      return new PcaRefiner(spec, PcaOptions.defaults());
    }
    if (!(options instanceof PcaOptions pca)) {
      throw SaException.pluginError("refiner pca: options of type " + options.getClass().getName()
          + " given; expected " + PcaOptions.class.getName());
    }
    return new PcaRefiner(spec, pca);
  }
}
