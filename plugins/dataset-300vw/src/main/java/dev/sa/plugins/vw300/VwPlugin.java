package dev.sa.plugins.vw300;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.SaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * 300-VW (68 points, video; paper Section 4.1, Tables 4, 8, 9): the official test categories 1-3
 * and every other video for training, error normalised by the outer-eye-corner distance. Samples
 * carry {@link FaceSample.Sequence} (video id, 1-based frame number as in the annotation names).
 */
@Extension
public final class VwPlugin implements DatasetPlugin {
  @Override
  public String id() {
    return "300vw";
  }

  @Override
  public String description() {
    return "300-VW, 68 points on video frames (vid.avi or frames/); splits train, category1..3; NME by inter-ocular";
  }

  @Override
  public Class<? extends Record> optionsType() {
    return VwOptions.class;
  }

  @Override
  public LandmarkScheme scheme() {
    return VwLayout.scheme();
  }

  @Override
  public Dataset open(DatasetContext context, Record options) {
    VwOptions o = options == null ? VwOptions.defaults() : (VwOptions) options;
    Path root = context.root();
    if (!Files.isDirectory(root)) {
      throw SaException.dataError("300-VW data root " + root + " (" + context.configPath() + ") does not exist; "
          + VwLayout.LAYOUT_HELP);
    }
    List<Path> videos = videoFolders(root);
    if (videos.isEmpty()) {
      throw SaException.dataError("300-VW data root " + root + " (" + context.configPath()
          + ") holds no video folder with an annot/ folder; " + VwLayout.LAYOUT_HELP);
    }
    Map<String, List<FaceSample>> splits = new LinkedHashMap<>();
    VwLayout.SPLITS.forEach(s -> splits.put(s, new ArrayList<>()));
    List<DataProblem> problems = new ArrayList<>();
    VwReader reader = new VwReader(o, new VideoFrames());
    for (Path video : videos) {
      String split = VwLayout.splitOf(video.getFileName().toString());
      List<FaceSample> samples = reader.read(video, problems);
      if (split.equals(VwLayout.TRAIN)) {
        for (int i = 0; i < samples.size(); i += o.frameStride()) {
          splits.get(split).add(samples.get(i));
        }
      } else {
        splits.get(split).addAll(samples);
      }
    }
    return new VwDataset(scheme(), splits, problems);
  }

  private static List<Path> videoFolders(Path root) {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> Files.isDirectory(p.resolve("annot"))).sorted().toList();
    } catch (IOException e) {
      throw SaException.dataError("cannot list 300-VW data root " + root + ": " + e.getMessage(), e);
    }
  }

  /** 300-VW has no official boxes: they are the landmark box enlarged by {@code boxScale}. */
  @Override
  public double faceBoxScale(Record options) {
    return (options == null ? VwOptions.defaults() : (VwOptions) options).boxScale();
  }
}
