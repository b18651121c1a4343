package dev.sa.plugins.rotation;

import dev.sa.api.Normalizer;
import dev.sa.api.NormalizerPlugin;
import dev.sa.api.NormalizerSpec;
import dev.sa.api.SaException;
import org.pf4j.Extension;

/** The {@code rotation} normaliser: a small CNN regresses the face's in-plane angle as (cos, sin). */
@Extension
public final class RotationNormalizerPlugin implements NormalizerPlugin {
  /** Id used in configs ({@code normalizer: {plugin: rotation}}). */
  public static final String ID = "rotation";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "in-plane rotation normaliser: small CNN regresses the face angle (cos, sin) from the crop (Table 2, Norm)";
  }

  @Override
  public Class<? extends Record> optionsType() {
    return RotationOptions.class;
  }

  @Override
  public Normalizer create(NormalizerSpec spec) {
    Record options = spec.options();
    if (options == null) {
      return new RotationNormalizer(spec, RotationOptions.defaults());
    }
    if (!(options instanceof RotationOptions r)) {
      throw SaException.pluginError("normalizer rotation: options of type " + options.getClass().getName()
          + " given; expected " + RotationOptions.class.getName());
    }
    return new RotationNormalizer(spec, r);
  }
}
