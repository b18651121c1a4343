package dev.sa.plugins.resnet;

import ai.djl.MalformedModelException;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.ConstantInitializer;
import dev.sa.api.SaException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DJL model-zoo ResNetV1 with a {@code 2N}-wide linear head: the ResNet regression detector "as
 * [7]" (Feng et al., Wing loss) that paper Section 5, Table 7, trains on human versus searched
 * labels. {@code (B, 3, S, S) -> (B, 2N)}, the output being {@code x0, y0, x1, y1, ...} in crop
 * pixels divided by S.
 *
 * <p>It is a plain {@link SequentialBlock} holding ResNetV1's own children (with {@code norm:
 * batch}), followed by a parameterless block computing {@code 0.5 + headScale * x} unless
 * {@code headScale} is 1. With {@code norm: batch, headScale: 1} its parameter file is therefore
 * byte-compatible with one saved from {@code ResNetV1.builder()...build()} of the same depth, input
 * size and output width; with another head scale or GroupNorm only files of this backbone with the
 * same options load. If a weights file is given, {@link #initialize} loads it right
 * after the first initialisation (and never again, so a second trainer on the same block keeps
 * what the first one learnt).
 */
public final class ResNetRegressor extends SequentialBlock {
  /** Groups of GroupNorm (Wu and He's default). */
  static final int GROUPS = 32;

  private final Path weights;
  private final String description;

  /**
   * @param options depth, normalisation, BatchNorm momentum and head scale
   * @param inputSize S; ResNetV1 uses a 3x3 stem without pooling up to 32 px, else 7x7 + pooling
   * @param outputs 2N
   * @param weights parameter file to load after initialisation, or null
   */
  ResNetRegressor(ResNetOptions options, int inputSize, int outputs, Path weights) {
    this.weights = weights;
    int layers = options.depth();
    this.description = "ResNet-" + layers + " (" + options.norm() + " norm, head scale "
        + options.headScale() + ") with " + outputs + " outputs at input " + inputSize;
    float scale = options.headScale().floatValue();
    if ("batch".equals(options.norm())) {
      SequentialBlock resnet = ResNetV1.builder()
          .setImageShape(new Shape(3, inputSize, inputSize))
          .setNumLayers(layers)
          .setOutSize(outputs)
          .optBatchNormMomentum(options.momentum().floatValue())
          .build();
      List<Block> children = resnet.getChildren().values();
      addAll(children);
      if (scale == 1f) {
        // ResNetV1 exactly: start every prediction at the crop centre, the mean landmark position
        // of a centred face.
        head(children).setInitializer(new ConstantInitializer(0.5f), Parameter.Type.BIAS);
        return;
      }
      head(children).setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
    } else {
      addAll(groupNormBody(layers, inputSize));
      add(Pool.globalAvgPool2dBlock());
      add(Blocks.batchFlattenBlock());
      Linear linear = Linear.builder().setUnits(outputs).build();
      linear.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
      add(linear);
    }
    // Scaled head: crop centre + scale * linear output (see ResNetOptions#headScale).
    addSingleton(x -> x.mul(scale).add(0.5f), "centre");
  }

  /** ResNetV1's layout (stem, four stages of v1 residual units) with GroupNorm for BatchNorm. */
  private static List<Block> groupNormBody(int layers, int inputSize) {
    boolean bottleneck = layers >= 50;
    int[] filters = bottleneck ? new int[] {64, 256, 512, 1024, 2048} : new int[] {64, 64, 128, 256, 512};
    int[] units = layers == 18 ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
    List<Block> body = new java.util.ArrayList<>();
    if (inputSize <= 32) {
      body.add(conv(filters[0], 3, 1, 1));
      body.add(norm());
      body.add(Activation.reluBlock());
    } else {
      body.add(conv(filters[0], 7, 2, 3));
      body.add(norm());
      body.add(Activation.reluBlock());
      body.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    }
    for (int stage = 0; stage < 4; stage++) {
      int stride = stage == 0 ? 1 : 2;
      for (int unit = 0; unit < units[stage]; unit++) {
        body.add(residualUnit(filters[stage + 1], unit == 0 ? stride : 1, unit > 0, bottleneck));
      }
    }
    return body;
  }

  /** ResNetV1.residualUnit with GroupNorm: relu(branch(x) + shortcut(x)). */
  private static Block residualUnit(int filters, int stride, boolean dimMatch, boolean bottleneck) {
    SequentialBlock branch = new SequentialBlock();
    if (bottleneck) {
      branch.add(conv(filters / 4, 1, 1, 0)).add(norm()).add(Activation::relu)
          .add(conv(filters / 4, 3, stride, 1)).add(norm()).add(Activation::relu)
          .add(conv(filters, 1, 1, 0)).add(norm());
    } else {
      branch.add(conv(filters, 3, stride, 1)).add(norm()).add(Activation::relu)
          .add(conv(filters, 3, 1, 1)).add(norm());
    }
    SequentialBlock shortcut = new SequentialBlock();
    if (dimMatch) {
      shortcut.add(Blocks.identityBlock());
    } else {
      shortcut.add(conv(filters, 1, stride, 0)).add(norm());
    }
    return new ParallelBlock(
        list -> new NDList(Activation.relu(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow()))),
        List.of(branch, shortcut));
  }

  private static Block conv(int filters, int kernel, int stride, int padding) {
    return Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .setFilters(filters)
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optBias(false)
        .build();
  }

  private static Block norm() {
    return new GroupNorm(GROUPS, 1e-5f);
  }

  /** ResNetV1's output layer; a reshape block may follow it. */
  private static Linear head(List<Block> children) {
    for (int i = children.size() - 1; i >= 0; i--) {
      if (children.get(i) instanceof Linear linear) {
        return linear;
      }
    }
    throw new IllegalStateException("ResNetV1 has no Linear output layer");
  }

  @Override
  public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
    boolean fresh = !isInitialized();
    super.initialize(manager, dataType, inputShapes);
    if (fresh && weights != null) {
      load(manager);
    }
  }

  /**
   * Loads parameters as DJL does, then gives the trainable arrays gradient buffers again: DJL
   * attaches them only to arrays it initialises itself, so training a loaded network would
   * otherwise fail at the first backward pass.
   */
  @Override
  public void loadParameters(NDManager manager, DataInputStream is)
      throws IOException, MalformedModelException {
    super.loadParameters(manager, is);
    getParameters().values().stream()
        .filter(Parameter::requiresGradient)
        .forEach(parameter -> parameter.getArray().setRequiresGradient(true));
  }

  private void load(NDManager manager) {
    Map<String, Shape> expected = shapes();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
      loadParameters(manager, in);
      if (in.read() != -1) {
        throw mismatch("the file holds more parameters than this network");
      }
    } catch (IOException | MalformedModelException | RuntimeException e) {
      if (e instanceof SaException sa) {
        throw sa;
      }
      throw mismatch(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    // DJL replaces each parameter array without checking its shape, so compare here, before a
    // wrong head width fails deep inside the first forward pass.
    shapes().forEach((name, shape) -> {
      if (!shape.equals(expected.get(name))) {
        throw mismatch("parameter " + name + " has shape " + shape + " in the file, the network"
            + " needs " + expected.get(name));
      }
    });
  }

  private Map<String, Shape> shapes() {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    getParameters().forEach(pair -> shapes.put(pair.getKey(), pair.getValue().getArray().getShape()));
    return shapes;
  }

  private SaException mismatch(String why) {
    return SaException.invalidInput("backbone.options.weights: cannot load " + weights + " into a "
        + description + " (it must be saved by Block.saveParameters from the same network): "
        + why);
  }

}
