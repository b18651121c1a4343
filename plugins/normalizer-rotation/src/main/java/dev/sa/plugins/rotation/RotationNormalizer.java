package dev.sa.plugins.rotation;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.sa.api.EngineArrays;
import dev.sa.api.Normalizer;
import dev.sa.api.NormalizerData;
import dev.sa.api.NormalizerSpec;
import dev.sa.api.SaException;
import dev.sa.support.ParameterFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The rotation normaliser: four stride-2 3x3 convolutions (c, 2c, 4c, 4c filters, each with
 * BatchNorm and ReLU), a dense layer of 64 units and a dense output of 2, the face angle's
 * {@code (cos, sin)}: a point on the circle has no wrap-around at +-180 degrees, so the loss is
 * smooth for every angle. The angle is {@code atan2(sin, cos)}.
 */
public final class RotationNormalizer implements Normalizer {
  /** File written by {@link #save}. */
  public static final String FILE_NAME = "rotation.params";

  private static final String MAGIC = "sa-rotation";
  private static final int FORMAT = 1;
  private static final int HIDDEN = 64;

  private final RotationOptions options;
  private final long seed;
  private final Model model;
  private final SequentialBlock network;
  private boolean ready;

  public RotationNormalizer(NormalizerSpec spec, RotationOptions options) {
    this.options = options;
    this.seed = spec.seed();
    this.network = build(options.channels());
    this.model = Model.newInstance("rotation-normalizer", spec.device());
    model.setBlock(network);
  }

  static SequentialBlock build(int channels) {
    SequentialBlock net = new SequentialBlock();
    for (int filters : new int[] {channels, 2 * channels, 4 * channels, 4 * channels}) {
      net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters).optStride(new Shape(2, 2))
          .optPadding(new Shape(1, 1)).optBias(false).build());
      net.add(BatchNorm.builder().build());
      net.add(Activation::relu);
    }
    return net.add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(HIDDEN).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(2).build());
  }

  public RotationOptions options() {
    return options;
  }

  @Override
  public int cropSize() {
    return options.cropSize();
  }

  Shape inputShape(int batch) {
    return new Shape(batch, 3, options.cropSize(), options.cropSize());
  }

  @Override
  public void fit(NormalizerData data, Consumer<String> log) {
    new RotationTraining(model, options, seed).run(data, log);
    ready = true;
  }

  @Override
  public float[] predict(float[] crops, int count) {
    if (!ready) {
      throw SaException.pluginError("normalizer rotation: predict() was called before fit() or load()");
    }
    try (NDManager scratch = model.getNDManager().newSubManager()) {
      NDArray x = EngineArrays.create(scratch, crops, inputShape(count));
      float[] cs = network.forward(new ParameterStore(scratch, false), new NDList(x), false).singletonOrThrow()
          .toFloatArray();
      return degrees(cs, count);
    }
  }

  /** Angles in degrees of {@code count} (cos, sin) pairs. */
  static float[] degrees(float[] cosSin, int count) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) Math.toDegrees(Math.atan2(cosSin[2 * i + 1], cosSin[2 * i]));
    }
    return out;
  }

  @Override
  public void save(Path dir) throws IOException {
    if (!ready) {
      throw SaException.pluginError("normalizer rotation: save() was called before fit() or load()");
    }
    ParameterFile.write(dir.resolve(FILE_NAME), MAGIC, FORMAT, out -> {
      out.writeInt(options.cropSize());
      out.writeInt(options.channels());
      network.saveParameters(out);
    });
  }

  @Override
  public void load(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    ParameterFile.read(file, MAGIC, FORMAT, "rotation normaliser", "train the rotation normaliser first", in -> {
      int size = in.readInt();
      int channels = in.readInt();
      if (size != options.cropSize() || channels != options.channels()) {
        throw SaException.dataError(file + ": trained with cropSize " + size + ", channels " + channels
            + " but the options say cropSize " + options.cropSize() + ", channels " + options.channels());
      }
      if (!network.isInitialized()) {
        network.initialize(model.getNDManager(), DataType.FLOAT32, inputShape(1));
      }
      network.loadParameters(model.getNDManager(), in);
    });
    ready = true;
  }

  @Override
  public void close() {
    model.close();
  }
}
