package dev.sa.app.cli;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.run.RunFolder;
import dev.sa.app.config.SaConfig;
import dev.sa.app.host.PluginHost;
import dev.sa.app.predict.FaceBoxes;
import dev.sa.app.predict.FaceFinder;
import dev.sa.app.predict.InputImages;
import dev.sa.app.predict.PredictionWriter;
import dev.sa.app.predict.Predictor;
import dev.sa.app.predict.TrainedVariants;
import dev.sa.app.run.Progress;
import dev.sa.app.run.RunService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sa predict RUN_DIR IMAGE_OR_FOLDER...}: runs the trained network of one of a run's variants
 * (with its fitted refiner, if it has one) on every face of the user's own images (given boxes, or
 * the face detector's) and writes the landmarks. A broken image is one warning line, the others go
 * on, and the exit code is 1.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predict landmarks on the faces of your own images.",
        "Uses the trained network of a run's variant (and its fitted refiner) on png/jpg/bmp images or folders"
            + " of them. Writes into --out:",
        "  landmarks.csv       one row per face: image,face,x_min,y_min,x_max,",
        "                      y_max,score,x0,y0,x1,y1,... (image pixels, 0-based)",
        "  boxes.csv           every face box, its score and where it came from",
        "  pts/NAME_faceK.pts  one 300W .pts per face (1-based)",
        "  overlays/NAME.png   the image with every face's box and points",
        "Face boxes of an image: its rows in --boxes (any number), else a .pts file beside it (the box around its"
            + " points), else every face the detector finds (predict.detector, default opencv), else the whole"
            + " image, with a warning per image.",
        "Box convention: a face box is tight around the face, as a face detector frames it or as the box around"
            + " its landmarks. sa predict enlarges it as the training data set enlarged such boxes (synthetic and"
            + " 300-VW: dataset.options.boxScale; 300W: the same with boxes: landmarks, else 1) and crops it as"
            + " training did (input.boxScale), so the landmark box of a face gives the crop training took of it."
            + " The whole image is taken as that enlarged box.",
        "Ends with the time per image (face boxes) and per face (landmarks).",
        "A file that is not a readable image is one warning; the others go on, and the exit code is 1.",
        "Video is not read: extract its frames to a folder first (ffmpeg -i clip.mp4 f/%%06d.png)."})
public final class PredictCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder with a trained variant.")
  Path runDir;

  @Mixin
  SeedChoice seed;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE_OR_FOLDER",
      description = "Images, or folders whose images (not sub-folders) are read in name order.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--variant", paramLabel = "NAME",
      description = "Variant (folder name or name; default: the lowest validation NME among the variants not trained on"
          + " true labels, else the last one with a trained checkpoint).")
  String variant;

  @Option(names = "--boxes", paramLabel = "FILE.csv", description = {"Face boxes (tight, see above): CSV with the"
      + " header line " + FaceBoxes.HEADER + " (0-based image pixels), one row per face, matched on the file name; further columns"
      + " are ignored (a boxes.csv written by sa predict reads back)."})
  Path boxes;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a predict.* config key, e.g."
      + " predict.detector.options.preset=fast (3.7x faster detection, fewer faces under 48 px),"
      + " predict.detector.options.minFaceSize=40 or predict.detector.plugin=none.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: RUN_DIR/predictions/<variant>).")
  Path out;

  /** The refiner the predictor applied, or null. */
  private String refinerApplied;
  /** Wall time of the landmark predictions (network, decoding, refiner; not the model's loading). */
  private long landmarkNanos;

  @Override
  public Integer call() throws Exception {
    runDir = seed.pick(runDir, root.err);
    Path resolved = checkRun();
    try (RunFolder lock = RunFolder.lockForOutput(runDir, out != null ? out : runDir.resolve("predictions"), "--out",
        root.err::println)) {
      return predict(resolved);
    }
  }

  private int predict(Path resolved) throws Exception {
    for (String s : sets) {
      if (!s.strip().startsWith("predict.")) {
        throw SaException.invalidInput("--set " + s + ": sa predict only takes predict.* keys (the trained variant"
            + " fixes the rest)");
      }
    }
    List<String> problems = new ArrayList<>();
    List<InputImages.Image> images = InputImages.collect(inputs, problems);
    ConfigLoader.Loaded loaded = ConfigLoader.load(resolved, sets);
    RunService.selectEngine(loaded);
    Progress progress = new Progress(root.err, false);
    for (String p : problems) {
      progress.info("warning: " + p + "; skipped");
    }
    try (PluginHost host = root.openPlugins()) {
      List<TrainedVariants.Trained> all = TrainedVariants.list(loaded, host, runDir);
      TrainedVariants.Choice choice = TrainedVariants.pick(all, variant, runDir);
      TrainedVariants.Trained chosen = choice.trained();
      String why = choice.why();
      String src = loaded.source() + (all.size() > 1 ? " (variant '" + chosen.name() + "')" : "");
      double faceBoxScale = Predictor.faceBoxScale(chosen.variant().config(), host, src);
      FaceBoxes faceBoxes = FaceBoxes.open(boxes, faceBoxScale);
      progress.info(String.format(Locale.ROOT, "variant '%s'%s: %s checkpoint %s (epoch %d of %d%s)",
          chosen.name(), why, chosen.phase(),
          runDir.relativize(chosen.checkpoint()), chosen.epoch(), chosen.plannedEpochs(),
          chosen.epoch() < chosen.plannedEpochs() ? ", training not finished" : ""));
      List<PredictionWriter.ImageFaces> found;
      long findStart = System.nanoTime();
      try (FaceFinder finder = finder(chosen.variant().config(), host, faceBoxes, src)) {
        found = findFaces(images, finder, progress, problems);
      }
      long findNanos = System.nanoTime() - findStart;
      summarize(found, images.size(), faceBoxes, progress);
      if (found.isEmpty()) {
        root.out.printf("no image could be read: nothing predicted%n");
        return 1;
      }
      Path dir = out != null ? out : runDir.resolve("predictions").resolve(chosen.slug());
      int faces = predictAndWrite(chosen, host, src, found, dir, progress);
      root.out.printf("predicted landmarks of %d face(s) in %d image(s) with variant '%s'%s: %s (landmarks.csv,"
          + " boxes.csv, pts/, overlays/)%n", faces, found.size(), chosen.name(),
          refinerApplied != null ? " and refiner '" + refinerApplied + "'" : "", dir);
      root.out.println(timing(findNanos, images.size(), landmarkNanos, faces));
    }
    if (!problems.isEmpty()) {
      root.err.printf("sa: %d image(s) failed (warnings above); the others were predicted%n", problems.size());
      return 1;
    }
    return 0;
  }

  private Path checkRun() {
    if (!Files.isDirectory(runDir)) {
      throw SaException.invalidInput(runDir + ": no such run folder");
    }
    Path resolved = runDir.resolve(ConfigLoader.RESOLVED);
    if (!Files.exists(resolved)) {
      throw SaException.invalidInput(runDir + ": not a run folder (no resolved-config.yaml)");
    }
    return resolved;
  }

  /**
   * The face finder of the variant's {@code predict.detector}: plugin and options checked now, the
   * detector made when the first image without a given box needs it.
   */
  static FaceFinder finder(SaConfig c, PluginHost host, FaceBoxes faceBoxes, String src) {
    return new FaceFinder(faceBoxes, FaceFinder.detectorFactory(c, host, src), c.predict().detector().plugin());
  }

  /**
   * The closing time line: face boxes per image (decoding, given boxes or the detector, whose start
   * falls in the first image that needs it) and landmarks per face (crops, network, decoding,
   * refiner), wall time on this machine; loading the network and writing the outputs are not counted.
   */
  static String timing(long findNanos, int images, long landmarkNanos, int faces) {
    return String.format(Locale.ROOT, "time: face boxes %.1f ms per image (%d image(s): decoding and detection,"
        + " the detector's start included), landmarks %.1f ms per face (%d face(s)); loading the network and"
        + " writing not counted",
        findNanos / 1e6 / Math.max(1, images), images, landmarkNanos / 1e6 / Math.max(1, faces), faces);
  }

  /** The faces of every image; an image that cannot be decoded is one warning and one problem. */
  static List<PredictionWriter.ImageFaces> findFaces(List<InputImages.Image> images, FaceFinder finder,
      Progress progress, List<String> problems) {
    List<PredictionWriter.ImageFaces> found = new ArrayList<>();
    for (InputImages.Image im : images) {
      try {
        found.add(new PredictionWriter.ImageFaces(im, finder.faces(im, progress::info), List.of()));
      } catch (SaException e) {
        if (e.kind() != SaException.Kind.DATA_ERROR) {
          throw e;
        }
        problems.add(e.getMessage());
        progress.info("warning: " + e.getMessage() + "; skipped");
      }
    }
    return found;
  }

  private void summarize(List<PredictionWriter.ImageFaces> found, int images, FaceBoxes faceBoxes,
      Progress progress) {
    Map<FaceBoxes.Source, Integer> counts = new EnumMap<>(FaceBoxes.Source.class);
    for (PredictionWriter.ImageFaces f : found) {
      for (FaceBoxes.Chosen c : f.boxes()) {
        counts.merge(c.source(), 1, Integer::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    for (FaceBoxes.Source s : FaceBoxes.Source.values()) {
      int k = counts.getOrDefault(s, 0);
      if (k > 0) {
        parts.add(k + " " + (s == FaceBoxes.Source.BOXES_FILE ? "from " + boxes : s.words()));
      }
    }
    progress.info("face boxes of " + images + " image(s): " + (parts.isEmpty() ? "none" : String.join(", ", parts)));
    List<String> unmatched = faceBoxes.unmatched();
    if (!unmatched.isEmpty()) {
      progress.info("warning: " + unmatched.size() + " image name(s) of " + boxes + " match no input image, e.g. '"
          + unmatched.get(0) + "'");
    }
  }

  /** Landmarks of every face, then the output files; returns the number of faces. */
  private int predictAndWrite(TrainedVariants.Trained chosen, PluginHost host, String src,
      List<PredictionWriter.ImageFaces> found, Path dir, Progress progress) throws Exception {
    List<InputImages.Image> perFace = new ArrayList<>();
    List<FaceBox> faceList = new ArrayList<>();
    for (PredictionWriter.ImageFaces f : found) {
      for (FaceBoxes.Chosen c : f.boxes()) {
        perFace.add(f.image());
        faceList.add(c.box());
      }
    }
    List<Landmarks> landmarks;
    try (Predictor predictor = new Predictor(chosen, host, src, progress::info)) {
      if (predictor.refinerNote() != null) {
        progress.info(predictor.refinerNote());
      }
      long start = System.nanoTime();
      landmarks = predictor.predict(perFace, faceList);
      landmarkNanos = System.nanoTime() - start;
      refinerApplied = predictor.refinerApplied();
    }
    int bad = 0;
    for (Landmarks l : landmarks) {
      bad += l.isFinite() ? 0 : 1;
    }
    if (bad > 0) {
      progress.info("warning: " + bad + " face(s) got non-finite landmarks (the network may have diverged)");
    }
    List<PredictionWriter.ImageFaces> done = new ArrayList<>();
    int n = 0;
    for (PredictionWriter.ImageFaces f : found) {
      done.add(new PredictionWriter.ImageFaces(f.image(), f.boxes(), landmarks.subList(n, n + f.boxes().size())));
      n += f.boxes().size();
    }
    PredictionWriter.write(dir, done, landmarks.get(0).count());
    return landmarks.size();
  }
}
