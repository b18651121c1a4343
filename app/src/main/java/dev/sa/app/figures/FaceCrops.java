package dev.sa.app.figures;

import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.method.Frames.CropTransform;
import dev.sa.app.data.Cropper;
import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * Display crops: the plain (un-augmented) network crop of a face, sampled straight from the image
 * at figure resolution rather than upscaled from the small input, so figures stay sharp. The crop
 * covers the same region as the input crop, so {@code inFace = (inInput + 0.5) * D / S - 0.5}.
 */
final class FaceCrops {
  /** A face crop and the transform from image pixels to its pixels. */
  record Crop(BufferedImage image, CropTransform transform) {}

  private final int side;
  private final double boxScale;
  private final int[] flipPermutation;

  FaceCrops(int side, double boxScale, int[] flipPermutation) {
    this.side = side;
    this.boxScale = boxScale;
    this.flipPermutation = flipPermutation.clone();
  }

  Crop crop(FaceSample s) {
    BufferedImage src;
    try {
      src = s.image().load();
    } catch (IOException e) {
      throw SaException.dataError(s.image().describe() + ": cannot decode image: " + e.getMessage(), e);
    }
    if (src == null) {
      throw SaException.dataError(s.image().describe() + ": not a readable image");
    }
    CropTransform t = CropTransform.plain(s.box(), side, boxScale);
    float[] rgb = new float[3 * side * side];
    Cropper.crop(src, t, side, rgb, 0);
    BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    int plane = side * side;
    for (int i = 0; i < plane; i++) {
      int r = channel(rgb[i]);
      int g = channel(rgb[i + plane]);
      int b = channel(rgb[i + 2 * plane]);
      out.setRGB(i % side, i / side, (r << 16) | (g << 8) | b);
    }
    return new Crop(out, t);
  }

  /** Image pixels to the crop's pixels (plain crops are never flipped; the permutation is for form). */
  Landmarks toFace(Crop crop, Landmarks inImage) {
    return crop.transform().toCrop(inImage, flipPermutation);
  }

  /** Cropper's {@code [-0.5, 0.5]} back to 0..255. */
  private static int channel(float v) {
    return Math.max(0, Math.min(255, Math.round((v + 0.5f) * 255f)));
  }
}
