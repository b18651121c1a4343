package dev.sa.plugins.vw300;

import dev.sa.api.DataProblem;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.ImageSource;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.support.Annotations;
import dev.sa.support.ImageFiles;
import dev.sa.support.MalformedFileException;
import dev.sa.support.PtsFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads one 300-VW video folder: {@code annot/NNNNNN.pts} (1-based iBUG .pts, frame NNNNNN
 * counted from 1) and the frames, from {@code frames/NNNNNN.png|jpg} when that folder exists,
 * else decoded from {@code vid.avi}. Only the .pts files and one frame size per video are read.
 *
 * @param options the data set's options
 * @param video decodes the frames of {@code vid.avi}
 */
record VwReader(VwOptions options, VideoFrames video) {
  private static final LandmarkScheme SCHEME = VwLayout.scheme();

  /** Samples of one video in frame order; problems are appended to {@code problems}. */
  List<FaceSample> read(Path videoDir, List<DataProblem> problems) {
    String videoId = videoDir.getFileName().toString();
    Map<Integer, Path> annotations = annotations(videoDir.resolve("annot"), problems);
    Path framesDir = videoDir.resolve("frames");
    Path avi = videoDir.resolve("vid.avi");
    Map<Integer, Path> frameFiles = Files.isDirectory(framesDir) ? frameFiles(framesDir) : null;
    ImageFiles.Size size;
    try {
      size = frameFiles != null ? folderFrameSize(framesDir, frameFiles) : videoSize(videoDir, avi);
    } catch (MalformedFileException e) {
      problems.add(e.problem());
      return List.of();
    }
    // 300-VW has about 218k annotation files: parse them in parallel, keep frame order.
    List<Object> results = annotations.entrySet().parallelStream()
        .map(a -> sample(videoId, a.getKey(), a.getValue(), frameFiles, avi, size))
        .toList();
    List<FaceSample> samples = new ArrayList<>();
    for (Object r : results) {
      if (r instanceof DataProblem p) {
        problems.add(p);
      } else {
        samples.add((FaceSample) r);
      }
    }
    return samples;
  }

  /** The sample of one annotation file, or the problem that keeps it out. */
  private Object sample(String videoId, int frame, Path pts, Map<Integer, Path> frameFiles, Path avi,
      ImageFiles.Size size) {
    ImageSource image;
    if (frameFiles != null) {
      Path f = frameFiles.get(frame);
      if (f == null) {
        return new DataProblem(pts.toString(), 0,
            "missing frame image: no frames/" + pts.getFileName().toString().replace(".pts", ".png") + " (or .jpg)");
      }
      image = ImageFiles.lazy(f);
    } else {
      image = video.source(avi, frame - 1);
    }
    try {
      Landmarks inImage = PtsFormat.read(pts, VwLayout.POINTS);
      int far = ImageFiles.firstFarOutside(inImage, size);
      if (far >= 0) {
        // Line of the point: three header lines, then one line per point.
        throw new MalformedFileException(pts.toString(), far + 4, ImageFiles.farOutsideMessage(inImage, far, size));
      }
      String base = pts.getFileName().toString();
      base = base.substring(0, base.length() - ".pts".length());
      FaceBox box = FaceBox.around(inImage, options.boxScale());
      Annotations.requireSize(SCHEME, inImage, box, pts.toString(), 0);
      return new FaceSample(videoId + "/" + base, image, box, inImage,
          null, Optional.empty(), Optional.of(new FaceSample.Sequence(videoId, frame)),
          videoId + "/annot/" + pts.getFileName());
    } catch (MalformedFileException e) {
      return e.problem();
    } catch (IOException e) {
      return new DataProblem(pts.toString(), 0, "unreadable: " + e.getMessage());
    }
  }

  /** Annotation files by 1-based frame number. */
  private static Map<Integer, Path> annotations(Path annot, List<DataProblem> problems) {
    Map<Integer, Path> out = new TreeMap<>();
    for (Path f : list(annot)) {
      String name = f.getFileName().toString();
      if (!name.toLowerCase(Locale.ROOT).endsWith(".pts")) {
        continue;
      }
      Integer frame = frameNumber(name);
      if (frame == null) {
        problems.add(new DataProblem(f.toString(), 0, "annotation name must be the 1-based frame number, e.g. 000001.pts"));
      } else {
        out.put(frame, f);
      }
    }
    return out;
  }

  private static Map<Integer, Path> frameFiles(Path framesDir) {
    Map<Integer, Path> out = new HashMap<>();
    for (Path f : list(framesDir)) {
      String lower = f.getFileName().toString().toLowerCase(Locale.ROOT);
      if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
        Integer frame = frameNumber(f.getFileName().toString());
        if (frame != null) {
          out.putIfAbsent(frame, f);
        }
      }
    }
    return out;
  }

  /** Frames of a video share one size, so one header stands for all (the rest fail, if at all, at load). */
  private static ImageFiles.Size folderFrameSize(Path framesDir, Map<Integer, Path> frameFiles)
      throws MalformedFileException {
    if (frameFiles.isEmpty()) {
      throw new MalformedFileException(framesDir.toString(), 0, "frames folder holds no NNNNNN.png or .jpg frame");
    }
    return ImageFiles.readSize(new TreeMap<>(frameFiles).firstEntry().getValue());
  }

  private ImageFiles.Size videoSize(Path videoDir, Path avi) throws MalformedFileException {
    if (!Files.isRegularFile(avi)) {
      throw new MalformedFileException(videoDir.toString(), 0, "missing video: neither vid.avi nor a frames/ folder");
    }
    try {
      ImageFiles.Size size = video.size(avi);
      if (size.width() > ImageFiles.MAX_SIDE || size.height() > ImageFiles.MAX_SIDE) {
        throw new MalformedFileException(avi.toString(), 0, "video of " + size.width() + " x " + size.height()
            + " px; valid sides are 1.." + ImageFiles.MAX_SIDE);
      }
      return size;
    } catch (IOException | RuntimeException e) {
      throw new MalformedFileException(avi.toString(), 0, "unreadable video: " + e.getMessage());
    }
  }

  private static Integer frameNumber(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String base = dot < 0 ? fileName : fileName.substring(0, dot);
    if (!base.matches("\\d{1,9}")) {
      return null;
    }
    int n = Integer.parseInt(base);
    return n >= 1 ? n : null;
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw SaException.dataError("cannot list 300-VW folder " + dir + ": " + e.getMessage(), e);
    }
  }
}
