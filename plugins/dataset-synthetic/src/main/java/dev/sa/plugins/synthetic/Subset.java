package dev.sa.plugins.synthetic;

/** The generated subsets; {@code full} is not one of them, it lists common and challenge together. */
enum Subset {
  TRAIN("train", 1),
  COMMON("common", 2),
  CHALLENGE("challenge", 3);

  private final String key;
  private final long code;

  Subset(String key, long code) {
    this.key = key;
    this.code = code;
  }

  String key() {
    return key;
  }

  /** Challenge faces: occluders, stronger blur and pose, lower contrast. */
  boolean hard() {
    return this == CHALLENGE;
  }

  /** The seed of face {@code index}; depends only on (run seed, subset, index). */
  long faceSeed(long runSeed, int index) {
    return Seeds.mix(Seeds.mix(runSeed, code), index);
  }
}
