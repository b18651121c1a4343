package dev.sa.api;

import ai.djl.training.loss.Loss;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/** Extension point for backbones: stacked hourglass, ResNet regression, or a third party's. */
public interface BackbonePlugin extends ExtensionPoint, Described {
  /** Builds an uninitialised block; the host initialises it with the run's seed. */
  Backbone build(BackboneSpec spec);

  /**
   * The loss the host trains this backbone with, for the network {@link #build} makes of the same
   * spec. Default: none, and the host uses its own: for {@link Backbone.Output#HEATMAPS} the heatmap
   * MSE weighted by {@code 1 + train.foregroundWeight * target} and summed over stacks, for
   * {@link Backbone.Output#COORDINATES} L1 on the coordinates.
   *
   * <p>The host calls {@code evaluate(labels, predictions)} with labels one array of targets in
   * the output's layout ({@code (B, N, h, h)} heatmaps, or {@code (B, 2N)} coordinates in crop
   * pixels divided by S) and predictions the network's output (every stack of a heatmap network).
   * Batches with per-pixel weights (Semantic Alignment's chi-square loss, Eq. 9) always train with
   * the host's chi-square loss, whatever this returns.
   *
   * @throws IllegalArgumentException if the options are of another plugin's type
   */
  default Optional<Loss> loss(BackboneSpec spec) {
    return Optional.empty();
  }
}
