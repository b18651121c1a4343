package dev.sa.app.cli;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.app.predict.FaceBoxes;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sa predict RUN_DIR IMAGE_OR_FOLDER...}: runs the trained network of one of a run's variants
 * (with its fitted refiner, if it has one) on the user's own images and writes the landmarks.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predict landmarks on your own images (png/jpg/bmp, or folders of them) with the",
        "trained network of a run's variant (and its fitted refiner). Writes into --out:",
        "  landmarks.csv      image,point,x,y in image pixels (0-based pixel centres)",
        "  boxes.csv          the face box each image used, and where it came from",
        "  pts/NAME.pts       one 300W .pts per image (1-based)",
        "  overlays/NAME.png  the image with its box and points drawn",
        "Face box per image: its row in --boxes, else a .pts file beside the image (the",
        "data set's box around its points), else the whole image. Video is not read:",
        "extract its frames to a folder first (e.g. ffmpeg -i clip.mp4 frames/%%06d.png)."})
public final class PredictCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder with a trained variant.")
  Path runDir;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE_OR_FOLDER",
      description = "Images, or folders whose images (not sub-folders) are read in name order.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--variant", paramLabel = "NAME",
      description = "Variant (folder name or name; default: the last one with a trained checkpoint).")
  String variant;

  @Option(names = "--boxes", paramLabel = "FILE.csv", description = {"Face boxes: CSV with the header line",
      FaceBoxes.HEADER + " (0-based image pixels), one row per image, matched on the file name."})
  Path boxes;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: RUN_DIR/predictions/<variant>).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(runDir)) {
      throw SaException.invalidInput(runDir + ": no such run folder");
    }
    Path resolved = runDir.resolve("resolved-config.yaml");
    if (!Files.exists(resolved)) {
      throw SaException.invalidInput(runDir + ": not a run folder (no resolved-config.yaml)");
    }
    List<InputImages.Image> images = InputImages.collect(inputs);
    ConfigLoader.Loaded loaded = ConfigLoader.load(resolved, List.of());
    RunService.selectEngine(loaded);
    Progress progress = new Progress(root.err, false);
    try (PluginHost host = root.openPlugins()) {
      List<TrainedVariants.Trained> all = TrainedVariants.list(loaded, host, runDir);
      TrainedVariants.Trained chosen = TrainedVariants.choose(all, variant, runDir);
      String src = loaded.source() + (all.size() > 1 ? " (variant '" + chosen.name() + "')" : "");
      double ptsScale = chosen.variant().tree().at("/dataset/options/boxScale").isNumber()
          ? chosen.variant().tree().at("/dataset/options/boxScale").asDouble() : 1.2;
      FaceBoxes faceBoxes = FaceBoxes.open(boxes, ptsScale);
      List<FaceBoxes.Chosen> chosenBoxes = new ArrayList<>();
      Map<FaceBoxes.Source, Integer> counts = new EnumMap<>(FaceBoxes.Source.class);
      for (InputImages.Image im : images) {
        FaceBoxes.Chosen b = faceBoxes.boxOf(im);
        chosenBoxes.add(b);
        counts.merge(b.source(), 1, Integer::sum);
      }
      progress.info(String.format(Locale.ROOT, "variant '%s'%s: %s checkpoint %s (epoch %d of %d%s)",
          chosen.name(), variant == null ? " (the last with a trained checkpoint)" : "", chosen.phase(),
          runDir.relativize(chosen.checkpoint()), chosen.epoch(), chosen.plannedEpochs(),
          chosen.epoch() < chosen.plannedEpochs() ? ", training not finished" : ""));
      List<String> parts = new ArrayList<>();
      for (FaceBoxes.Source s : FaceBoxes.Source.values()) {
        int k = counts.getOrDefault(s, 0);
        if (k > 0) {
          parts.add(k + " " + (s == FaceBoxes.Source.BOXES_FILE ? "from " + boxes : s.words()));
        }
      }
      progress.info("face boxes of " + images.size() + " image(s): " + String.join(", ", parts));
      List<String> unmatched = faceBoxes.unmatched();
      if (!unmatched.isEmpty()) {
        progress.info("warning: " + unmatched.size() + " row(s) of " + boxes + " match no input image, e.g. '"
            + unmatched.get(0) + "'");
      }
      List<Landmarks> landmarks;
      String refiner;
      try (Predictor predictor = new Predictor(chosen, host, src, progress::info)) {
        if (predictor.refinerNote() != null) {
          progress.info(predictor.refinerNote());
        }
        List<FaceBox> faceList = new ArrayList<>();
        for (FaceBoxes.Chosen b : chosenBoxes) {
          faceList.add(b.box());
        }
        landmarks = predictor.predict(images, faceList);
        refiner = predictor.refinerApplied();
      }
      int bad = 0;
      for (Landmarks l : landmarks) {
        bad += l.isFinite() ? 0 : 1;
      }
      if (bad > 0) {
        progress.info("warning: " + bad + " image(s) got non-finite landmarks (the network may have diverged)");
      }
      Path dir = out != null ? out : runDir.resolve("predictions").resolve(chosen.slug());
      PredictionWriter.write(dir, images, chosenBoxes, landmarks);
      root.out.printf("predicted %d landmarks on %d image(s) with variant '%s'%s: %s (landmarks.csv, boxes.csv,"
          + " pts/, overlays/)%n", landmarks.isEmpty() ? 0 : landmarks.get(0).count(), images.size(), chosen.name(),
          refiner != null ? " and refiner '" + refiner + "'" : "", dir);
    }
    return 0;
  }
}
