package dev.sa.plugins.synthetic;

import dev.sa.api.ImageSource;
import java.awt.image.BufferedImage;

/**
 * The image of one synthetic face, rendered on every {@link #load()} from the face's seed: nothing
 * but the seed is held, the same seed always gives the same pixels, and loads may run on many
 * threads at once.
 */
final class SyntheticImageSource implements ImageSource {
  private final FaceGenerator generator;
  private final long seed;
  private final boolean hard;
  private final String id;

  SyntheticImageSource(FaceGenerator generator, long seed, boolean hard, String id) {
    this.generator = generator;
    this.seed = seed;
    this.hard = hard;
    this.id = id;
  }

  @Override
  public BufferedImage load() {
    return FaceRenderer.render(geometry());
  }

  @Override
  public String describe() {
    return "synthetic face " + id + " (seed " + Long.toHexString(seed) + ")";
  }

  /** The face's geometry (true points, occluders, look), rebuilt from the seed. */
  FaceGeometry geometry() {
    return generator.generate(seed, hard);
  }

  long seed() {
    return seed;
  }
}
