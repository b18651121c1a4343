package dev.sa.plugins.rotation;

/**
 * The {@code options:} block of the {@code rotation} normaliser. Missing keys arrive as
 * {@code null} and take the defaults below.
 *
 * @param cropSize side of the crop the network reads, default 64, in 16..256
 * @param channels filters of the first convolution (then 2x, 4x, 4x), default 16, in 4..128
 * @param epochs passes over the training faces, default 60, in 1..10000
 * @param lr Adam learning rate (cosine decay to lr / 100), default 2e-3, in (0, 1]
 * @param batch faces per step, default 16, in 2..4096 (BatchNorm needs at least 2)
 * @param rotationRange training augmentation: each crop is turned by an angle drawn uniformly from
 *     {@code [-rotationRange, rotationRange]} degrees, default 60, in 0..180; it should cover the
 *     angles the test faces have (180: any angle)
 */
public record RotationOptions(Integer cropSize, Integer channels, Integer epochs, Double lr, Integer batch,
    Double rotationRange) {
  public RotationOptions {
    cropSize = cropSize == null ? 64 : cropSize;
    if (cropSize < 16 || cropSize > 256) {
      throw new IllegalArgumentException("cropSize: " + cropSize + " is outside 16..256");
    }
    channels = channels == null ? 16 : channels;
    if (channels < 4 || channels > 128) {
      throw new IllegalArgumentException("channels: " + channels + " is outside 4..128");
    }
    epochs = epochs == null ? 60 : epochs;
    if (epochs < 1 || epochs > 10_000) {
      throw new IllegalArgumentException("epochs: " + epochs + " is outside 1..10000");
    }
    lr = lr == null ? 2e-3 : lr;
    if (!(lr > 0 && lr <= 1)) {
      throw new IllegalArgumentException("lr: " + lr + " is outside (0, 1]");
    }
    batch = batch == null ? 16 : batch;
    if (batch < 2 || batch > 4096) {
      throw new IllegalArgumentException("batch: " + batch + " is outside 2..4096");
    }
    rotationRange = rotationRange == null ? 60.0 : rotationRange;
    if (!(rotationRange >= 0 && rotationRange <= 180)) {
      throw new IllegalArgumentException("rotationRange: " + rotationRange + " is outside 0..180 (degrees)");
    }
  }

  /** All defaults. */
  public static RotationOptions defaults() {
    return new RotationOptions(null, null, null, null, null, null);
  }
}
