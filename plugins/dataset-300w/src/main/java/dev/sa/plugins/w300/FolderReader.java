package dev.sa.plugins.w300;

import dev.sa.api.DataProblem;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.plugins.w300.BoundingBoxes.Boxes;
import dev.sa.support.Annotations;
import dev.sa.support.ImageFiles;
import dev.sa.support.MalformedFileException;
import dev.sa.support.PtsFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads one 300W folder: every {@code .pts} file with the image of the same base name beside it.
 * Only the small text files and the image headers are read; pixels are decoded later.
 *
 * @param root the data set's folder
 * @param options the data set's options
 */
record FolderReader(Path root, W300Options options) {
  private static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

  /** Samples of one folder in file-name order; problems are appended to {@code problems}. */
  List<FaceSample> read(String folder, List<DataProblem> problems) {
    Path dir = root.resolve(folder);
    Map<String, Boxes> boxes = officialBoxes(folder, problems);
    Map<String, Path> pts = new TreeMap<>();
    Map<String, Path> images = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pts")) {
          pts.put(baseName(name), f);
        } else if (IMAGE_EXTENSIONS.stream().anyMatch(lower::endsWith) && Files.isRegularFile(f)) {
          images.putIfAbsent(baseName(name), f);
        }
      }
    } catch (IOException e) {
      throw SaException.dataError("cannot list 300W folder " + dir + ": " + e.getMessage(), e);
    }
    for (Map.Entry<String, Path> image : images.entrySet()) {
      if (!pts.containsKey(image.getKey())) {
        problems.add(new DataProblem(image.getValue().toString(), 0,
            "missing annotation: no " + image.getKey() + ".pts beside this image"));
      }
    }
    List<Result> results = pts.entrySet().parallelStream()
        .map(e -> sample(folder, e.getValue(), images.get(e.getKey()), boxes))
        .toList();
    List<FaceSample> samples = new ArrayList<>();
    for (Result r : results) {
      r.problem().ifPresent(problems::add);
      r.sample().ifPresent(samples::add);
    }
    return samples;
  }

  private Map<String, Boxes> officialBoxes(String folder, List<DataProblem> problems) {
    if (options.boxSource() == W300Options.BoxSource.LANDMARKS) {
      return Map.of();
    }
    try {
      return BoundingBoxes.read(root.resolve(options.boundingBoxesDir()).resolve(BoundingBoxes.fileName(folder)));
    } catch (MalformedFileException e) {
      problems.add(e.problem());
      return Map.of();
    }
  }

  private record Result(Optional<FaceSample> sample, Optional<DataProblem> problem) {}

  private Result sample(String folder, Path ptsFile, Path imageFile, Map<String, Boxes> boxes) {
    try {
      if (imageFile == null) {
        throw new MalformedFileException(ptsFile.toString(), 0,
            "missing image: no " + baseName(ptsFile.getFileName().toString()) + IMAGE_EXTENSIONS + " beside this annotation");
      }
      Landmarks inImage = PtsFormat.read(ptsFile, W300Layout.POINTS);
      ImageFiles.Size size = ImageFiles.readSize(imageFile);
      int far = ImageFiles.firstFarOutside(inImage, size);
      if (far >= 0) {
        // Line of the point: three header lines, then one line per point.
        throw new MalformedFileException(ptsFile.toString(), far + 4, ImageFiles.farOutsideMessage(inImage, far, size));
      }
      String rel = folder + "/" + ptsFile.getFileName();
      String id = folder + "/" + baseName(ptsFile.getFileName().toString());
      FaceBox box = box(boxes.get(imageFile.getFileName().toString()), inImage);
      Annotations.requireSize(W300Layout.SCHEME, inImage, box, ptsFile.toString(), 0);
      return new Result(Optional.of(FaceSample.of(id, ImageFiles.lazy(imageFile), box, inImage, rel)), Optional.empty());
    } catch (MalformedFileException e) {
      return new Result(Optional.empty(), Optional.of(e.problem()));
    } catch (IOException e) {
      return new Result(Optional.empty(), Optional.of(new DataProblem(ptsFile.toString(), 0, "unreadable: " + e.getMessage())));
    }
  }

  /** The official box chosen by the {@code boxes} option, else the enlarged landmark box. */
  FaceBox box(Boxes official, Landmarks inImage) {
    Optional<FaceBox> chosen = Optional.empty();
    if (official != null) {
      chosen = switch (options.boxSource()) {
        case DETECTOR -> official.detector();
        case GROUND_TRUTH -> official.groundTruth();
        case LANDMARKS -> Optional.empty();
      };
    }
    return chosen.orElseGet(() -> FaceBox.around(inImage, options.boxScale()));
  }

  static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }
}
