package dev.sa.plugins.resnet;

import ai.djl.training.loss.Loss;
import dev.sa.api.Backbone;
import dev.sa.api.BackbonePlugin;
import dev.sa.api.BackboneSpec;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The {@code resnet} backbone: ResNet-18/34/50 from DJL's model zoo regressing the 2N landmark
 * coordinates directly, the second detector of paper Section 5, Table 7 (ResNet regression as in
 * Feng et al. 2018), next to the heatmap hourglass.
 * Output one array {@code (B, 2N)}, {@code x0, y0, x1, y1, ...} in crop pixels divided by S. The
 * host trains it with the loss of {@link #loss} (L1 or Wing, {@link ResNetOptions#newLoss(int)}).
 */
@Extension
public final class ResNetPlugin implements BackbonePlugin {
  @Override
  public String id() {
    return "resnet";
  }

  @Override
  public String description() {
    return "ResNet-18/34/50 (DJL model zoo) regressing 2N coordinates (B, 2N) / S; L1 or Wing loss";
  }

  @Override
  public Class<? extends Record> optionsType() {
    return ResNetOptions.class;
  }

  /**
   * Builds an uninitialised {@link ResNetRegressor}.
   *
   * @throws SaException invalid input if {@code weights} names no readable file
   * @throws IllegalArgumentException if the options are of another plugin's type
   */
  @Override
  public Backbone build(BackboneSpec spec) {
    ResNetOptions options = options(spec.options());
    Path weights = null;
    if (options.weights() != null) {
      weights = Path.of(options.weights()).toAbsolutePath().normalize();
      if (!Files.isRegularFile(weights) || !Files.isReadable(weights)) {
        throw SaException.invalidInput("backbone.options.weights: no readable file at " + weights
            + "; give a parameter file saved by DJL's Block.saveParameters from a ResNet-"
            + options.depth() + " with " + 2 * spec.landmarks() + " outputs, or leave the key out"
            + " (weights are never downloaded)");
      }
    }
    ResNetRegressor block = new ResNetRegressor(
        options, spec.inputSize(), 2 * spec.landmarks(), weights);
    return new Backbone(block, Backbone.Output.COORDINATES, 1);
  }

  /** The coordinate loss named by {@code backbone.options.loss} (Wing by default, or L1), for the spec's input size. */
  @Override
  public Optional<Loss> loss(BackboneSpec spec) {
    return Optional.of(options(spec.options()).newLoss(spec.inputSize()));
  }

  private static ResNetOptions options(Record options) {
    if (options == null) {
      return ResNetOptions.defaults();
    }
    if (options instanceof ResNetOptions resnet) {
      return resnet;
    }
    throw new IllegalArgumentException("resnet backbone expects options of type "
        + ResNetOptions.class.getName() + ", got " + options.getClass().getName());
  }
}
