package dev.sa.plugins.aflw;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * AFLW-Full (19 points; paper Section 4.1, Table 3): 20000 training and 4386 test faces from
 * {@code AFLWinfo_release.mat}, NME normalised by the face size of the box.
 */
@Extension
public final class AflwPlugin implements DatasetPlugin {
  static final String LAYOUT_HELP = "expected <root>/AFLWinfo_release.mat (nameList, data, mask_new, bbox, ra) and "
      + "the images under <root>/flickr/ by nameList's relative paths, or CSV files via options.csvSplits "
      + "(see datasets/aflw/README.md)";

  @Override
  public String id() {
    return "aflw";
  }

  @Override
  public String description() {
    return "AFLW-Full, 19 points: AFLWinfo_release.mat or CSV; splits train, full, frontal; NME by face size";
  }

  @Override
  public Class<? extends Record> optionsType() {
    return AflwOptions.class;
  }

  @Override
  public LandmarkScheme scheme() {
    return AflwScheme.aflw19();
  }

  @Override
  public Dataset open(DatasetContext context, Record options) {
    AflwOptions o = options == null ? AflwOptions.defaults() : (AflwOptions) options;
    Path root = context.root();
    if (!Files.isDirectory(root)) {
      throw SaException.dataError("AFLW data root " + root + " (" + context.configPath() + ") does not exist; "
          + LAYOUT_HELP);
    }
    List<DataProblem> problems = new ArrayList<>();
    Map<String, List<FaceSample>> splits;
    if (o.csvSplits().isEmpty()) {
      if (!Files.isRegularFile(root.resolve(o.mat()))) {
        throw SaException.dataError("AFLW annotation file " + root.resolve(o.mat()) + " (" + context.configPath()
            + ".options.mat) does not exist; " + LAYOUT_HELP);
      }
      splits = new AflwMatReader(root, o).read(problems);
    } else {
      AflwCsvReader reader = new AflwCsvReader(root, o);
      splits = new LinkedHashMap<>();
      for (String split : AflwOptions.SPLITS) {
        if (o.csvSplits().containsKey(split)) {
          splits.put(split, reader.read(o.csvSplits().get(split), problems));
        }
      }
    }
    return new AflwDataset(scheme(), splits, problems);
  }
}
