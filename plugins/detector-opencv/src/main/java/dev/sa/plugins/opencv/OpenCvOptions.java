package dev.sa.plugins.opencv;

import java.util.List;

/**
 * The {@code options:} block of the {@code opencv} face detector ({@code predict.detector.options}).
 * Missing keys arrive as {@code null} and take the defaults below; {@code preset} sets the defaults
 * of {@code cascade}, {@code minFaceSize} and {@code scaleFactor}, and a key given explicitly
 * overrides its preset value.
 *
 * @param cascade one of {@link #CASCADES} (shipped inside the plugin), or the path of a cascade
 *     {@code .xml} file of one's own; default {@code haarcascade_frontalface_alt2}
 * @param minFaceSize smallest face side searched, in image pixels; default 24, in 1..10000
 * @param maxFaceSize largest face side searched, in image pixels; default 0 = no limit
 * @param scaleFactor step between the scales of the image pyramid; default 1.1, in (1, 2]
 * @param minNeighbors the score threshold: a face needs at least this many overlapping detections
 *     (the score reported is their number); default 3, in 0..100
 * @param upsample the image is enlarged by this integer factor before detection, so that faces
 *     smaller than the cascade's window (20-24 px) are found; default 1, in 1..4
 * @param equalize histogram equalisation of the gray image first, as OpenCV's face tutorial;
 *     default true
 * @param preset {@code accurate} (default: {@code haarcascade_frontalface_alt2}, 24 px, 1.1) or
 *     {@code fast} ({@code lbpcascade_frontalface}, 32 px, 1.2: 3.7x faster per photo, fewer faces
 *     under 48 px; measured in the plugin's README)
 */
public record OpenCvOptions(
    String cascade, Integer minFaceSize, Integer maxFaceSize, Double scaleFactor, Integer minNeighbors,
    Integer upsample, Boolean equalize, String preset) {
  /** The frontal and profile face cascades of OpenCV 4.10 that the plugin ships. */
  public static final List<String> CASCADES = List.of(
      "haarcascade_frontalface_alt2", "haarcascade_frontalface_alt", "haarcascade_frontalface_default",
      "haarcascade_frontalface_alt_tree", "haarcascade_profileface", "lbpcascade_frontalface",
      "lbpcascade_frontalface_improved", "lbpcascade_profileface");

  /** The presets' names. */
  public static final List<String> PRESETS = List.of("accurate", "fast");

  public OpenCvOptions {
    preset = preset == null || preset.isBlank() ? PRESETS.get(0) : preset.trim();
    if (!PRESETS.contains(preset)) {
      throw new IllegalArgumentException("options.preset: '" + preset + "' is not one of " + String.join(", ", PRESETS));
    }
    boolean fast = preset.equals("fast");
    cascade = cascade == null || cascade.isBlank() ? (fast ? "lbpcascade_frontalface" : CASCADES.get(0)) : cascade.trim();
    if (!CASCADES.contains(cascade) && !cascade.endsWith(".xml")) {
      throw new IllegalArgumentException("options.cascade: '" + cascade + "' is not a shipped cascade nor an .xml"
          + " file; shipped: " + String.join(", ", CASCADES));
    }
    minFaceSize = minFaceSize == null ? (fast ? 32 : 24) : minFaceSize;
    if (minFaceSize < 1 || minFaceSize > 10000) {
      throw new IllegalArgumentException("options.minFaceSize: " + minFaceSize + " is outside 1..10000");
    }
    maxFaceSize = maxFaceSize == null ? 0 : maxFaceSize;
    if (maxFaceSize < 0 || (maxFaceSize > 0 && maxFaceSize < minFaceSize)) {
      throw new IllegalArgumentException("options.maxFaceSize: " + maxFaceSize + " must be 0 (no limit) or at least"
          + " minFaceSize " + minFaceSize);
    }
    scaleFactor = scaleFactor == null ? (fast ? 1.2 : 1.1) : scaleFactor;
    if (!(scaleFactor > 1 && scaleFactor <= 2)) {
      throw new IllegalArgumentException("options.scaleFactor: " + scaleFactor + " is outside (1, 2]");
    }
    minNeighbors = minNeighbors == null ? 3 : minNeighbors;
    if (minNeighbors < 0 || minNeighbors > 100) {
      throw new IllegalArgumentException("options.minNeighbors: " + minNeighbors + " is outside 0..100");
    }
    upsample = upsample == null ? 1 : upsample;
    if (upsample < 1 || upsample > 4) {
      throw new IllegalArgumentException("options.upsample: " + upsample + " is outside 1..4");
    }
    equalize = equalize == null || equalize;
  }

  /** All defaults. */
  public static OpenCvOptions defaults() {
    return new OpenCvOptions(null, null, null, null, null, null, null, null);
  }
}
