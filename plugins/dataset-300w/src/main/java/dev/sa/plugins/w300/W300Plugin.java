package dev.sa.plugins.w300;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.SaException;
import dev.sa.api.Schemes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * 300W (68 points): training set afw + helen/trainset + lfpw/trainset (3148 faces), test sets
 * common (helen/testset + lfpw/testset, 554), challenge (ibug, 135) and full (689); NME by
 * inter-pupil distance first (paper Section 4.1, Table 2). Reads {@code .pts} folders or CSV files.
 */
@Extension
public final class W300Plugin implements DatasetPlugin {
  @Override
  public String id() {
    return "300w";
  }

  @Override
  public String description() {
    return "300W, 68 points: afw/helen/lfpw/ibug .pts folders or CSV; splits train, common, challenge, full";
  }

  @Override
  public Class<? extends Record> optionsType() {
    return W300Options.class;
  }

  @Override
  public LandmarkScheme scheme() {
    return Schemes.ibug68();
  }

  @Override
  public Dataset open(DatasetContext context, Record options) {
    W300Options o = options == null ? W300Options.defaults() : (W300Options) options;
    Path root = context.root();
    if (!Files.isDirectory(root)) {
      throw SaException.dataError("300W data root " + root + " (" + context.configPath() + ") does not exist; "
          + W300Layout.LAYOUT_HELP);
    }
    List<DataProblem> problems = new ArrayList<>();
    Map<String, List<FaceSample>> splits = o.csvSplits().isEmpty()
        ? fromFolders(root, o, problems, context.configPath())
        : fromCsv(root, o, problems);
    return new W300Dataset(scheme(), splits, problems);
  }

  private static Map<String, List<FaceSample>> fromFolders(Path root, W300Options o, List<DataProblem> problems,
      String configPath) {
    List<String> present = W300Layout.FOLDERS.stream().filter(f -> Files.isDirectory(root.resolve(f))).toList();
    if (present.isEmpty()) {
      throw SaException.dataError("300W data root " + root + " (" + configPath + ") holds none of the 300W folders; "
          + W300Layout.LAYOUT_HELP);
    }
    FolderReader reader = new FolderReader(root, o);
    Map<String, List<FaceSample>> byFolder = new LinkedHashMap<>();
    for (String folder : present) {
      byFolder.put(folder, reader.read(folder, problems));
    }
    Map<String, List<FaceSample>> splits = new LinkedHashMap<>();
    W300Layout.SPLIT_FOLDERS.forEach((split, folders) -> {
      List<FaceSample> samples = new ArrayList<>();
      folders.forEach(f -> samples.addAll(byFolder.getOrDefault(f, List.of())));
      splits.put(split, samples);
    });
    return splits;
  }

  private static Map<String, List<FaceSample>> fromCsv(Path root, W300Options o, List<DataProblem> problems) {
    CsvReader reader = new CsvReader(root, o);
    Map<String, List<FaceSample>> splits = new LinkedHashMap<>();
    for (String split : W300Layout.SPLITS) {
      String csv = o.csvSplits().get(split);
      if (csv != null) {
        splits.put(split, reader.read(csv, problems));
      }
    }
    if (!splits.containsKey(W300Layout.FULL) && splits.containsKey(W300Layout.COMMON)
        && splits.containsKey(W300Layout.CHALLENGE)) {
      List<FaceSample> full = new ArrayList<>(splits.get(W300Layout.COMMON));
      full.addAll(splits.get(W300Layout.CHALLENGE));
      splits.put(W300Layout.FULL, full);
    }
    return splits;
  }

  /**
   * {@code boxScale} when the boxes are the enlarged landmark box ({@code boxes: landmarks}); 1.0 for
   * the official detector or ground-truth boxes (and the CSV's centre/scale boxes), which are face
   * boxes as a detector gives them.
   */
  @Override
  public double faceBoxScale(Record options) {
    W300Options o = options == null ? W300Options.defaults() : (W300Options) options;
    return o.boxSource() == W300Options.BoxSource.LANDMARKS ? o.boxScale() : 1.0;
  }
}
