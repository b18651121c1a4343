package dev.sa.plugins.synthetic;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.SaException;
import dev.sa.api.Schemes;
import org.pf4j.Extension;

/**
 * The {@code synthetic} data set: seeded faces in the 68-point iBUG scheme with known true
 * landmarks and a simulated 'human' annotation whose weak points are ambiguous along their
 * contours (paper Section 3), the project's ambiguity benchmark. Needs no files; the faces
 * depend only on the run seed and the options ({@link SyntheticOptions}).
 */
@Extension
public final class SyntheticDatasetPlugin implements DatasetPlugin {
  @Override
  public String id() {
    return "synthetic";
  }

  @Override
  public String description() {
    return "Seeded synthetic 68-point faces with true and noisy 'human' landmarks (ambiguity benchmark)";
  }

  @Override
  public Class<? extends Record> optionsType() {
    return SyntheticOptions.class;
  }

  @Override
  public LandmarkScheme scheme() {
    return Schemes.ibug68();
  }

  /** Generates the splits (geometry and annotations only; images render on load). */
  @Override
  public Dataset open(DatasetContext context, Record options) {
    SyntheticOptions o;
    if (options == null) {
      o = SyntheticOptions.defaults();
    } else if (options instanceof SyntheticOptions so) {
      o = so;
    } else {
      throw SaException.pluginError("synthetic data set at " + context.configPath() + " got options of type "
          + options.getClass().getName() + "; expected " + SyntheticOptions.class.getName());
    }
    return new SyntheticDataset(o, context.seed());
  }

  /** The boxes are the tight box of the true points enlarged by {@code boxScale} (then jittered). */
  @Override
  public double faceBoxScale(Record options) {
    return (options instanceof SyntheticOptions o ? o : SyntheticOptions.defaults()).boxScale();
  }
}
