package dev.sa.app.predict;

import dev.sa.api.DetectedFace;
import dev.sa.api.DetectorSpec;
import dev.sa.api.FaceDetector;
import dev.sa.api.FaceDetectorPlugin;
import dev.sa.api.SaException;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.SaConfig;
import dev.sa.app.host.PluginHost;
import dev.sa.app.train.EngineThreads;
import dev.sa.support.ImageFiles;
import dev.sa.support.MalformedFileException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The faces of one image for {@code sa predict}: the boxes given for it ({@code --boxes} rows, or a
 * {@code .pts} beside it), else every face the detector finds, else the whole image with a warning.
 * Every image is decoded here once, so that a broken file fails before any prediction.
 */
public final class FaceFinder implements AutoCloseable {
  private final FaceBoxes boxes;
  private final Supplier<FaceDetector> factory;
  private final String detectorId;
  private FaceDetector detector;

  /**
   * @param factory makes the face detector when the first image needs it (so that images with given
   *     boxes never load it), or null ({@code predict.detector.plugin: none}); it is closed with this
   * @param detectorId its plugin id, for messages
   */
  public FaceFinder(FaceBoxes boxes, Supplier<FaceDetector> factory, String detectorId) {
    this.boxes = boxes;
    this.factory = factory;
    this.detectorId = detectorId;
  }

  /**
   * The face detector of the config's {@code predict.detector}: plugin and options checked now, each
   * detector made when {@code get()} is called, with the engine's thread count of this process (so
   * that {@code threads: 1} holds the detector to one core too); null for
   * {@code predict.detector.plugin: none}.
   *
   * @param src the config's source, for messages
   */
  public static Supplier<FaceDetector> detectorFactory(SaConfig c, PluginHost host, String src) {
    String id = c.predict().detector().plugin();
    if ("none".equals(id)) {
      return null;
    }
    FaceDetectorPlugin plugin = host.detector(id, src + ": predict.detector.plugin");
    Record options = PluginOptions.bind(c.predict().detector().options(), plugin.optionsType(),
        "predict.detector.options", src);
    return () -> {
      try {
        int threads = EngineThreads.current().map(EngineThreads.Applied::threads).orElse(0);
        return plugin.create(new DetectorSpec(options, threads));
      } catch (IllegalArgumentException e) {
        throw SaException.invalidInput(src + ": predict.detector: " + e.getMessage());
      } catch (SaException e) {
        throw e.kind() == SaException.Kind.INVALID_INPUT
            ? SaException.invalidInput(src + ": predict.detector: " + e.getMessage()) : e;
      } catch (LinkageError e) {
        throw SaException.pluginError("face detector '" + id + "' cannot start (its natives or classes are missing: "
            + e + "); set predict.detector.plugin: none or give --boxes");
      }
    };
  }

  /**
   * The faces of {@code image}, at least one.
   *
   * @param warn receives one line when the whole image is used
   * @throws SaException a data error naming the file when it cannot be decoded or the detector fails on it
   */
  public List<FaceBoxes.Chosen> faces(InputImages.Image image, Consumer<String> warn) {
    BufferedImage decoded = decode(image);
    List<FaceBoxes.Chosen> given = boxes.given(image);
    if (!given.isEmpty()) {
      return given;
    }
    List<FaceBoxes.Chosen> out = new ArrayList<>();
    if (factory != null) {
      if (detector == null) {
        detector = factory.get();
      }
      List<DetectedFace> found;
      try {
        found = detector.detect(decoded);
      } catch (RuntimeException | LinkageError e) {
        throw SaException.dataError(image.path() + ": face detector '" + detectorId + "' failed: "
            + InputImages.oneLine(e), e);
      }
      for (DetectedFace f : found) {
        out.add(new FaceBoxes.Chosen(f.box(), FaceBoxes.Source.DETECTOR, f.score()));
      }
    }
    if (out.isEmpty()) {
      warn.accept("warning: " + image.path() + ": " + (factory == null ? "no box given and no face detector"
          + " (predict.detector.plugin: none)" : "no face found by detector '" + detectorId + "'")
          + "; using the whole image as the face box");
      out.add(boxes.whole(image));
    }
    return out;
  }

  /**
   * Decodes {@code image} with {@link ImageFiles#decode} (bounded in memory, damaged data refused),
   * or a data error naming it.
   */
  static BufferedImage decode(InputImages.Image image) {
    try {
      return ImageFiles.decode(image.path());
    } catch (MalformedFileException e) {
      throw SaException.dataError(e.problem().toString(), e);
    }
  }

  @Override
  public void close() {
    if (detector != null) {
      detector.close();
    }
  }
}
