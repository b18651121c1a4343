package dev.sa.app.api;

import dev.sa.api.DetectedFace;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceDetector;
import dev.sa.api.ImageSource;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.SaException;
import dev.sa.app.predict.FaceFinder;
import dev.sa.app.predict.Predictor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Landmarks of faces in images, from a trained variant of an {@code sa run} folder: what
 * {@code sa predict} does (same face detector, crops, network, decoding and refiner), for other Java
 * programs.
 *
 * <pre>{@code
 * try (Landmarker lm = Landmarker.load(Path.of("runs/quickstart"), null)) {
 *   for (Face face : lm.detect(ImageIO.read(new File("group.jpg")))) {
 *     System.out.println(face.box() + " " + face.landmarks().x(30) + "," + face.landmarks().y(30));
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe: any number of threads may call {@link #detect} and {@link #predict} at once; the
 * network serves one call at a time (a call predicts all its faces in batches), and so does the
 * face detector. Results do not depend on the threads.
 *
 * <p>Plugins come from the folder {@code sa} uses ({@code -Dsa.plugins}, {@code $SA_PLUGINS},
 * {@code ./target/plugins}) or the one given to {@link #load(Path, String, Path)}; they stay loaded
 * for the process. Loading this class sets the log levels {@code bin/sa} sets (no DJL GPU warning on
 * a CPU machine) unless the program set them.
 */
public final class Landmarker implements AutoCloseable {
  static {
    QuietLogs.apply();
  }

  private final RunVariant variant;
  private final Predictor predictor;
  private final Supplier<FaceDetector> detectors;
  private final Object predictLock = new Object();
  private final Object detectLock = new Object();
  private FaceDetector detector;
  private boolean closed;

  private Landmarker(RunVariant variant, Predictor predictor, Supplier<FaceDetector> detectors) {
    this.variant = variant;
    this.predictor = predictor;
    this.detectors = detectors;
  }

  /**
   * Loads a trained variant of a run.
   *
   * @param runDir a folder {@code sa run} wrote (of a run over several seeds: its first seed is used)
   * @param variant the variant's name or folder name; null for the default model that
   *     {@code sa predict} uses (the lowest validation NME among variants not trained on true labels)
   * @throws SaException invalid input naming the folder or variant (not a run, no such variant, no
   *     trained checkpoint, a plugin missing)
   * @throws IOException when the run's files cannot be read
   */
  public static Landmarker load(Path runDir, String variant) throws IOException {
    return load(runDir, variant, null);
  }

  /** As {@link #load(Path, String)}, with the plugins of {@code pluginsDir} (null: the default folder). */
  public static Landmarker load(Path runDir, String variant, Path pluginsDir) throws IOException {
    RunVariant v = RunVariant.open(runDir, variant, pluginsDir);
    Supplier<FaceDetector> detectors = FaceFinder.detectorFactory(v.trained().variant().config(), v.host(),
        v.source());
    Predictor p = new Predictor(v.trained(), v.host(), v.source(), line -> { });
    return new Landmarker(v, p, detectors);
  }

  /** The variant's name. */
  public String variant() {
    return variant.trained().name();
  }

  /** The landmark scheme of the results (its point count, names and flip pairs). */
  public LandmarkScheme scheme() {
    return predictor.scheme();
  }

  /** The refiner applied after the network, or null. */
  public String refiner() {
    return predictor.refinerApplied();
  }

  /**
   * The box that is cropped for a face box: it enlarged by the training data set's box scale. A DJL
   * model from {@link ModelFolders} takes an image of this frame.
   */
  public FaceBox cropBox(FaceBox faceBox) {
    return predictor.cropBox(faceBox);
  }

  /**
   * Every face the run's face detector ({@code predict.detector}) finds in {@code image}, best score
   * first, each with its landmarks; empty when it finds none.
   *
   * @throws SaException invalid input when the run's config has {@code predict.detector.plugin: none}
   */
  public List<Face> detect(BufferedImage image) {
    List<DetectedFace> found;
    synchronized (detectLock) {
      checkOpen();
      if (detectors == null) {
        throw SaException.invalidInput(variant.source() + ": predict.detector.plugin is none: give face boxes to"
            + " predict(image, box)");
      }
      if (detector == null) {
        detector = detectors.get();
      }
      found = detector.detect(image);
    }
    List<FaceBox> boxes = new ArrayList<>();
    for (DetectedFace f : found) {
      boxes.add(f.box());
    }
    List<Face> faces = predict(image, boxes);
    List<Face> out = new ArrayList<>();
    for (int i = 0; i < faces.size(); i++) {
      Face f = faces.get(i);
      out.add(new Face(f.box(), found.get(i).score(), f.landmarks(), f.scores()));
    }
    return Collections.unmodifiableList(out);
  }

  /** The landmarks of the face in {@code box} (tight around the face, see the package's box convention). */
  public Face predict(BufferedImage image, FaceBox box) {
    return predict(image, List.of(box)).get(0);
  }

  /** The landmarks of each face box of {@code image}, in order, in one batched pass. */
  public List<Face> predict(BufferedImage image, List<FaceBox> boxes) {
    if (boxes.isEmpty()) {
      return List.of();
    }
    ImageSource source = new ImageSource() {
      @Override
      public BufferedImage load() {
        return image;
      }

      @Override
      public String describe() {
        return "image";
      }
    };
    List<Predictor.Prediction> predicted;
    synchronized (predictLock) {
      checkOpen();
      predicted = predictor.predictFaces(Collections.nCopies(boxes.size(), source), boxes);
    }
    List<Face> out = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) {
      out.add(new Face(boxes.get(i), Double.NaN, predicted.get(i).landmarks(), predicted.get(i).scores()));
    }
    return Collections.unmodifiableList(out);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this Landmarker is closed");
    }
  }

  /** Frees the network and the detector; calls after this throw {@link IllegalStateException}. */
  @Override
  public void close() {
    synchronized (detectLock) {
      synchronized (predictLock) {
        if (closed) {
          return;
        }
        closed = true;
        if (detector != null) {
          detector.close();
        }
        predictor.close();
      }
    }
  }
}
