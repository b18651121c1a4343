package dev.sa.plugins.synthetic;

/**
 * Seed derivation. Each face's seed depends only on (run seed, subset, index), and every random
 * stream of a face (shape, look, pixels, box, annotation) is split from it, so that changing the
 * noise model never changes an image and any face can be regenerated alone on any thread.
 */
final class Seeds {
  /** Stream ids under a face seed. */
  static final long SHAPE = 11;
  static final long LOOK = 12;
  static final long PIXELS = 13;
  static final long BOX = 14;
  static final long ANNOTATION = 15;
  static final long CONVENTIONS = 99;

  private Seeds() {}

  /** SplitMix64 finaliser of a combination of two values: well spread for consecutive inputs. */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
