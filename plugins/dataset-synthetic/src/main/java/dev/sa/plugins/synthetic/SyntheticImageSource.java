package dev.sa.plugins.synthetic;

import dev.sa.api.ImageSource;
import java.awt.image.BufferedImage;
import java.lang.ref.SoftReference;

/**
 * The image of one synthetic face, rendered from the face's seed: the same seed always gives the
 * same pixels, and loads may run on many threads at once. The rendered image is kept (softly, so
 * that memory pressure frees it) and each load returns a copy: rendering takes milliseconds of
 * Java per face (the quick-start's 810 faces about 4 s on a busy machine), and a training run loads
 * every face once per epoch. The pixels are the same either way; the quick-start's wall time did
 * not change measurably (the data workers render while the engine computes; docs/findings.md).
 */
final class SyntheticImageSource implements ImageSource {
  private final FaceGenerator generator;
  private final long seed;
  private final boolean hard;
  private final String id;
  private volatile SoftReference<BufferedImage> rendered = new SoftReference<>(null);

  SyntheticImageSource(FaceGenerator generator, long seed, boolean hard, String id) {
    this.generator = generator;
    this.seed = seed;
    this.hard = hard;
    this.id = id;
  }

  @Override
  public BufferedImage load() {
    BufferedImage image = rendered.get();
    if (image == null) {
      image = render();
      rendered = new SoftReference<>(image);
    }
    // a copy: a caller may draw into what it gets
    return new BufferedImage(image.getColorModel(), image.copyData(null), image.isAlphaPremultiplied(), null);
  }

  /** The face rendered anew (what {@link #load()} keeps). */
  BufferedImage render() {
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
