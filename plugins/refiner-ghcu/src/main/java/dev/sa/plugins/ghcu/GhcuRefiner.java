package dev.sa.plugins.ghcu;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.sa.api.Refiner;
import dev.sa.api.RefinerData;
import dev.sa.api.RefinerSpec;
import dev.sa.api.SaException;
import dev.sa.support.ParameterFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Global Heatmap Correction Unit (paper Section 4.5, Table 1): a light CNN from the predicted
 * heatmaps {@code (B, N, h, h)} to the coordinates {@code (B, N, 2)} in heatmap pixels, trained on
 * the searched labels y^ so that it learns the face shape and repairs occluded or blurred points.
 *
 * <p>Internally the network regresses coordinates divided by h (so one learning rate suits every
 * heatmap size). With {@code residual: true} it regresses the correction to the decoded prediction
 * instead of the absolute position.
 */
public final class GhcuRefiner implements Refiner {
  /** File written by {@link #save} under the run's refiner folder. */
  public static final String FILE_NAME = "ghcu.params";

  private static final String MAGIC = "sa-ghcu";
  private static final int FORMAT = 1;

  private final int landmarks;
  private final int heatmapSize;
  private final long seed;
  private final GhcuOptions options;
  private final Model model;
  private final SequentialBlock network;
  private boolean ready;

  /** Builds the untrained network for {@code spec}; fails at once on an unsupported heatmap size. */
  public GhcuRefiner(RefinerSpec spec, GhcuOptions options) {
    this.landmarks = spec.scheme().count();
    this.heatmapSize = spec.heatmapSize();
    this.seed = spec.seed();
    this.options = options;
    this.network = GhcuArchitecture.build(landmarks, heatmapSize);
    this.model = Model.newInstance("ghcu", spec.device());
    model.setBlock(network);
  }

  public GhcuOptions options() {
    return options;
  }

  @Override
  public void fit(RefinerData data, Consumer<String> log) {
    if (data.landmarks() != landmarks || data.heatmapSize() != heatmapSize) {
      throw SaException.invalidInput("refiner ghcu: training data has N=" + data.landmarks()
          + " landmarks and " + data.heatmapSize() + " px heatmaps, but the refiner was built for N="
          + landmarks + " and " + heatmapSize + " px");
    }
    new GhcuTraining(model, network, landmarks, heatmapSize, seed, options).run(data, log);
    ready = true;
  }

  /**
   * Runs the CNN on a whole batch at once (one engine call per layer, no per-face work).
   *
   * @param heatmaps {@code (B, N, h, h)}
   * @param predicted {@code (B, N, 2)} decoded coordinates in heatmap pixels (used when residual)
   * @return {@code (B, N, 2)} corrected coordinates in heatmap pixels, on the heatmaps' manager
   */
  @Override
  public NDArray refine(NDArray heatmaps, NDArray predicted) {
    if (!ready) {
      throw SaException.pluginError("refiner ghcu: refine() was called before fit() or load()");
    }
    Shape hs = heatmaps.getShape();
    long b = hs.get(0);
    if (hs.dimension() != 4 || hs.get(1) != landmarks || hs.get(2) != heatmapSize || hs.get(3) != heatmapSize) {
      throw SaException.invalidInput("refiner ghcu: heatmaps have shape " + hs + "; expected (B, "
          + landmarks + ", " + heatmapSize + ", " + heatmapSize + ")");
    }
    if (options.residual() && !predicted.getShape().equals(new Shape(b, landmarks, 2))) {
      throw SaException.invalidInput("refiner ghcu: predicted has shape " + predicted.getShape()
          + "; expected (" + b + ", " + landmarks + ", 2)");
    }
    NDManager caller = heatmaps.getManager();
    try (NDManager scratch = caller.newSubManager()) {
      // Engine ops attach results to their first operand's manager: borrowing the inputs into a
      // scratch manager keeps every intermediate activation off the caller's manager.
      heatmaps.tempAttach(scratch);
      if (options.residual()) {
        predicted.tempAttach(scratch);
      }
      NDArray out = forward(heatmaps, predicted, new ParameterStore(scratch, false), false);
      NDArray inHeatmap = out.mul(heatmapSize).reshape(b, landmarks, 2);
      inHeatmap.attach(caller);
      return inHeatmap;
    }
  }

  /** Network output {@code (B, 2N)} in coordinates / h, with the residual base added if asked. */
  static NDArray addBase(NDArray out, NDArray predicted, int heatmapSize, boolean residual) {
    if (!residual) {
      return out;
    }
    return out.add(predicted.reshape(out.getShape()).toType(DataType.FLOAT32, false).div(heatmapSize));
  }

  private NDArray forward(NDArray heatmaps, NDArray predicted, ParameterStore ps, boolean training) {
    NDArray out = network.forward(ps, new NDList(heatmaps.toType(DataType.FLOAT32, false)), training)
        .singletonOrThrow();
    return addBase(out, predicted, heatmapSize, options.residual());
  }

  @Override
  public void save(Path dir) throws IOException {
    if (!ready) {
      throw SaException.pluginError("refiner ghcu: save() was called before fit() or load()");
    }
    ParameterFile.write(dir.resolve(FILE_NAME), MAGIC, FORMAT, out -> {
      out.writeInt(landmarks);
      out.writeInt(heatmapSize);
      out.writeBoolean(options.residual());
      network.saveParameters(out);
    });
  }

  @Override
  public void load(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    ParameterFile.read(file, MAGIC, FORMAT, "GHCU", "train the ghcu refiner first", in -> {
      int n = in.readInt();
      int h = in.readInt();
      boolean residual = in.readBoolean();
      if (n != landmarks || h != heatmapSize || residual != options.residual()) {
        throw SaException.dataError(file + ": trained for N=" + n + ", h=" + h + ", residual="
            + residual + " but this run has N=" + landmarks + ", h=" + heatmapSize + ", residual="
            + options.residual());
      }
      if (!network.isInitialized()) {
        network.initialize(model.getNDManager(), DataType.FLOAT32, inputShape(1));
      }
      network.loadParameters(model.getNDManager(), in);
    });
    ready = true;
  }

  Shape inputShape(int batch) {
    return new Shape(batch, landmarks, heatmapSize, heatmapSize);
  }

  @Override
  public void close() {
    model.close();
  }
}
