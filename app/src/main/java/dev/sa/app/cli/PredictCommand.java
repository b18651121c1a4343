package dev.sa.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sa.api.DetectorSpec;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceDetectorPlugin;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.PluginOptions;
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
import dev.sa.app.seeds.SeedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
        "Face boxes of an image: its rows in --boxes (any number), else a .pts file beside it (the data set's"
            + " box around its points), else every face the detector finds (predict.detector, default opencv),"
            + " else the whole image, with a warning.",
        "A file that is not a readable image is one warning; the others go on, and the exit code is 1.",
        "Video is not read: extract its frames to a folder first (ffmpeg -i clip.mp4 f/%%06d.png)."})
public final class PredictCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder with a trained variant.")
  Path runDir;

  @Option(names = "--seed", paramLabel = "S", description = "In a run over several seeds, the seed's run to use (default: the first).")
  Long seed;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE_OR_FOLDER",
      description = "Images, or folders whose images (not sub-folders) are read in name order.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--variant", paramLabel = "NAME",
      description = "Variant (folder name or name; default: the last one with a trained checkpoint).")
  String variant;

  @Option(names = "--boxes", paramLabel = "FILE.csv", description = {"Face boxes: CSV with the header line "
      + FaceBoxes.HEADER + " (0-based image pixels), one row per face, matched on the file name; further columns"
      + " are ignored (a boxes.csv written by sa predict reads back)."})
  Path boxes;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a predict.* config key, e.g."
      + " predict.detector.options.minFaceSize=40 or predict.detector.plugin=none.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: RUN_DIR/predictions/<variant>).")
  Path out;

  /** The refiner the predictor applied, or null. */
  private String refinerApplied;

  @Override
  public Integer call() throws Exception {
    runDir = SeedRuns.pick(runDir, seed, m -> root.err.println(m));
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
      var best = variant == null ? TrainedVariants.bestOnValidation(all, runDir) : java.util.Optional.<TrainedVariants.Trained>empty();
      TrainedVariants.Trained chosen = best.isPresent() ? best.get() : TrainedVariants.choose(all, variant, runDir);
      String why = variant != null ? "" : best.isPresent() ? " (the lowest validation NME of the run's non-oracle variants; --variant picks another)"
          : " (the last with a trained checkpoint: the run has no validation NME yet)";
      String src = loaded.source() + (all.size() > 1 ? " (variant '" + chosen.name() + "')" : "");
      JsonNode scale = chosen.variant().tree().at("/dataset/options/boxScale");
      FaceBoxes faceBoxes = FaceBoxes.open(boxes, scale.isNumber() ? scale.asDouble() : 1.2);
      progress.info(String.format(Locale.ROOT, "variant '%s'%s: %s checkpoint %s (epoch %d of %d%s)",
          chosen.name(), why, chosen.phase(),
          runDir.relativize(chosen.checkpoint()), chosen.epoch(), chosen.plannedEpochs(),
          chosen.epoch() < chosen.plannedEpochs() ? ", training not finished" : ""));
      List<PredictionWriter.ImageFaces> found;
      try (FaceFinder finder = finder(chosen.variant().config(), host, faceBoxes, src)) {
        found = findFaces(images, finder, progress, problems);
      }
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
    Path resolved = runDir.resolve("resolved-config.yaml");
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
    String id = c.predict().detector().plugin();
    if ("none".equals(id)) {
      return new FaceFinder(faceBoxes, null, id);
    }
    FaceDetectorPlugin plugin = host.detector(id, src + ": predict.detector.plugin");
    Record options = PluginOptions.bind(c.predict().detector().options(), plugin.optionsType(),
        "predict.detector.options", src);
    return new FaceFinder(faceBoxes, () -> {
      try {
        return plugin.create(new DetectorSpec(options));
      } catch (IllegalArgumentException e) {
        throw SaException.invalidInput(src + ": predict.detector: " + e.getMessage());
      } catch (SaException e) {
        throw e.kind() == SaException.Kind.INVALID_INPUT
            ? SaException.invalidInput(src + ": predict.detector: " + e.getMessage()) : e;
      } catch (LinkageError e) {
        throw SaException.pluginError("face detector '" + id + "' cannot start (its natives or classes are missing: "
            + e + "); set predict.detector.plugin: none or give --boxes");
      }
    }, id);
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
      landmarks = predictor.predict(perFace, faceList);
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
