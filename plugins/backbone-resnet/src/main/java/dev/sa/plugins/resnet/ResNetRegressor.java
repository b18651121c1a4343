package dev.sa.plugins.resnet;

import ai.djl.MalformedModelException;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
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
 * <p>It is a plain {@link SequentialBlock} holding ResNetV1's own children, so its parameter file
 * is byte-compatible with one saved from {@code ResNetV1.builder()...build()} of the same depth,
 * input size and output width. If a weights file is given, {@link #initialize} loads it right
 * after the first initialisation (and never again, so a second trainer on the same block keeps
 * what the first one learnt).
 */
public final class ResNetRegressor extends SequentialBlock {
  private final Path weights;
  private final String description;

  /**
   * @param layers 18, 34 or 50
   * @param inputSize S; ResNetV1 uses a 3x3 stem without pooling up to 32 px, else 7x7 + pooling
   * @param outputs 2N
   * @param weights parameter file to load after initialisation, or null
   */
  ResNetRegressor(int layers, int inputSize, int outputs, Path weights) {
    this.weights = weights;
    this.description = "ResNet-" + layers + " with " + outputs + " outputs at input " + inputSize;
    SequentialBlock resnet = ResNetV1.builder()
        .setImageShape(new Shape(3, inputSize, inputSize))
        .setNumLayers(layers)
        .setOutSize(outputs)
        .build();
    List<Block> children = resnet.getChildren().values();
    addAll(children);
    // Start every prediction at the crop centre, the mean landmark position of a centred face.
    head(children).setInitializer(new ConstantInitializer(0.5f), Parameter.Type.BIAS);
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
