package dev.sa.plugins.vw300;

/**
 * Options of the 300-VW data set ({@code options:} block of the data set entry).
 *
 * @param frameStride use every n-th annotated frame of each training video (consecutive frames
 *     are nearly identical); test splits always keep every frame; default 1, valid 1..1000
 * @param boxScale enlargement of the tight landmark box (300-VW has no official boxes), default
 *     1.2, valid 1.0..3.0
 */
public record VwOptions(Integer frameStride, Double boxScale) {
  public VwOptions {
    frameStride = frameStride == null ? 1 : frameStride;
    if (frameStride < 1 || frameStride > 1000) {
      throw new IllegalArgumentException("frameStride must be in 1..1000, got " + frameStride);
    }
    boxScale = boxScale == null ? 1.2 : boxScale;
    if (!(boxScale >= 1.0 && boxScale <= 3.0)) {
      throw new IllegalArgumentException("boxScale must be in 1.0..3.0, got " + boxScale);
    }
  }

  public static VwOptions defaults() {
    return new VwOptions(null, null);
  }
}
