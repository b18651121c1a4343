package dev.sa.api;

/**
 * What the host asks of a backbone.
 *
 * @param landmarks N, the number of landmarks
 * @param inputSize side S of the square input crop, input shape {@code (B, 3, S, S)}
 * @param heatmapSize side h of the square heatmaps, output shape {@code (B, N, h, h)} per stack
 * @param options an instance of the plugin's {@link Described#optionsType()}
 */
public record BackboneSpec(int landmarks, int inputSize, int heatmapSize, Record options) {
  public BackboneSpec {
    if (landmarks <= 0 || inputSize <= 0 || heatmapSize <= 0 || heatmapSize > inputSize) {
      throw new IllegalArgumentException("backbone spec needs landmarks > 0 and 0 < heatmapSize <= inputSize, got "
          + landmarks + ", " + inputSize + ", " + heatmapSize);
    }
  }
}
