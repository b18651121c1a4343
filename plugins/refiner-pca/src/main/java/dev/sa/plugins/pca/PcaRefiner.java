package dev.sa.plugins.pca;

import dev.sa.api.EngineArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.Refiner;
import dev.sa.api.RefinerData;
import dev.sa.api.RefinerSpec;
import dev.sa.api.SaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * PCA shape refinement, the post-processing of CLM and LGCN that paper Table 8 compares GHCU with:
 * a point distribution model fitted to the training targets (generalised Procrustes + PCA), then
 * fitted to each prediction with heatmap-peak confidences and robust reweighting, returning the
 * model shape. Pure Java on double arrays; the engine is only used to read the inputs.
 */
public final class PcaRefiner implements Refiner {
  /** File written by {@link #save} under the run's refiner folder. */
  public static final String FILE_NAME = "pca-model.txt";

  /** Faces read per {@link RefinerData#batch} call while collecting the training shapes. */
  private static final int READ_CHUNK = 64;

  private final int landmarks;
  private final int heatmapSize;
  private final PcaOptions options;
  private PointDistributionModel model;
  private RobustShapeFitter fitter;

  public PcaRefiner(RefinerSpec spec, PcaOptions options) {
    this.landmarks = spec.scheme().count();
    this.heatmapSize = spec.heatmapSize();
    this.options = options;
    if (landmarks < 3) {
      throw SaException.invalidInput("refiner pca: a shape model needs at least 3 landmarks; scheme "
          + spec.scheme().name() + " has " + landmarks);
    }
  }

  public PcaOptions options() {
    return options;
  }

  @Override
  public void fit(RefinerData data, Consumer<String> log) {
    if (data.landmarks() != landmarks) {
      throw SaException.invalidInput("refiner pca: training data has N=" + data.landmarks()
          + " landmarks but the scheme has " + landmarks);
    }
    long start = System.nanoTime();
    List<double[]> shapes = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int from = 0; from < data.size(); from += READ_CHUNK) {
        int to = Math.min(data.size(), from + READ_CHUNK);
        try (NDManager chunk = manager.newSubManager()) {
          float[] target = data.batch(chunk, from, to).target().toType(DataType.FLOAT32, false).toFloatArray();
          for (int f = 0; f < to - from; f++) {
            double[] s = new double[2 * landmarks];
            for (int j = 0; j < s.length; j++) {
              s[j] = target[f * s.length + j];
            }
            shapes.add(s);
          }
        }
      }
    }
    use(PointDistributionModel.fit(shapes, options.variance(), options.components()));
    log.accept(String.format(Locale.ROOT,
        "pca: %d training shapes aligned (generalised Procrustes), %d of %d modes kept, %.1f%% of the shape variance, %.1f s",
        shapes.size(), model.components(), 2 * landmarks, 100 * model.explained(), (System.nanoTime() - start) / 1e9));
  }

  private void use(PointDistributionModel fitted) {
    this.model = fitted;
    this.fitter = new RobustShapeFitter(fitted, options);
  }

  /**
   * Fits the model to every face of the batch.
   *
   * @param heatmaps {@code (B, N, h, h)}; each map's maximum is its point's confidence
   * @param predicted {@code (B, N, 2)} decoded coordinates in heatmap pixels
   * @return {@code (B, N, 2)} model shapes in heatmap pixels, float32, on the heatmaps' manager
   */
  @Override
  public NDArray refine(NDArray heatmaps, NDArray predicted) {
    if (model == null) {
      throw SaException.pluginError("refiner pca: refine() was called before fit() or load()");
    }
    Shape hs = heatmaps.getShape();
    if (hs.dimension() != 4 || hs.get(1) != landmarks) {
      throw SaException.invalidInput("refiner pca: heatmaps have shape " + hs + "; expected (B, " + landmarks + ", h, h)");
    }
    int b = Math.toIntExact(hs.get(0));
    if (!predicted.getShape().equals(new Shape(b, landmarks, 2))) {
      throw SaException.invalidInput("refiner pca: predicted has shape " + predicted.getShape()
          + "; expected (" + b + ", " + landmarks + ", 2)");
    }
    NDManager caller = heatmaps.getManager();
    float[] peaks;
    try (NDManager scratch = caller.newSubManager()) {
      heatmaps.tempAttach(scratch);
      peaks = heatmaps.max(new int[] {2, 3}).toType(DataType.FLOAT32, false).toFloatArray();
    }
    float[] points = predicted.toType(DataType.FLOAT32, false).toFloatArray();
    float[] out = new float[points.length];
    double[] observed = new double[2 * landmarks];
    double[] confidence = new double[landmarks];
    for (int f = 0; f < b; f++) {
      for (int j = 0; j < observed.length; j++) {
        observed[j] = points[f * observed.length + j];
      }
      for (int i = 0; i < landmarks; i++) {
        confidence[i] = peaks[f * landmarks + i];
      }
      double[] fitted = fitter.fit(observed, confidence);
      for (int j = 0; j < fitted.length; j++) {
        out[f * fitted.length + j] = (float) fitted[j];
      }
    }
    return EngineArrays.create(caller, out, new Shape(b, landmarks, 2));
  }

  @Override
  public void save(Path dir) throws IOException {
    if (model == null) {
      throw SaException.pluginError("refiner pca: save() was called before fit() or load()");
    }
    model.write(dir.resolve(FILE_NAME));
  }

  @Override
  public void load(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw SaException.dataError(file + ": missing; fit the pca refiner first (it writes " + FILE_NAME + ")");
    }
    PointDistributionModel loaded = PointDistributionModel.read(file);
    if (loaded.landmarks() != landmarks) {
      throw SaException.dataError(file + ": model of " + loaded.landmarks() + " landmarks; this run has " + landmarks);
    }
    use(loaded);
  }

  /** Side h of the heatmaps this refiner was built for (coordinates are in its pixels). */
  public int heatmapSize() {
    return heatmapSize;
  }
}
