package dev.sa.app.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.app.data.Cropper;
import dev.sa.app.method.Frames.CropTransform;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class CropTransformTest {
  private static final int[] SWAP = {1, 0, 2};

  @Test
  void plainCropPutsTheBoxCentreAtTheCropCentreAndScalesTheBoxToTheCrop() {
    CropTransform t = CropTransform.plain(new FaceBox(10, 20, 110, 120), 64, 1.0);
    double[] c = t.toCrop(60, 70);
    assertThat(c[0]).isCloseTo(31.5, within(1e-9));
    assertThat(c[1]).isCloseTo(31.5, within(1e-9));
    assertThat(t.scale()).isCloseTo(0.64, within(1e-9));
  }

  @Test
  void augmentedTransformRoundTripsLandmarksWithFlipPermutation() {
    CropTransform t = CropTransform.of(new FaceBox(0, 0, 100, 80), 64, 1.2, 17, 1.1, 0.05, -0.02, true);
    Landmarks p = Landmarks.of(new float[] {20, 30, 70, 35, 45, 60});
    Landmarks inCrop = t.toCrop(p, SWAP);
    // after a flip index 0 holds the mirrored partner (image x=70), which lands on the crop's left:
    // a "left" landmark stays on the left, as the flip pairs intend
    assertThat(inCrop.x(0)).isLessThan(inCrop.x(1));
    CropTransform plainFlip = CropTransform.of(new FaceBox(0, 0, 100, 80), 64, 1.2, 0, 1, 0, 0, true);
    CropTransform plain = CropTransform.of(new FaceBox(0, 0, 100, 80), 64, 1.2, 0, 1, 0, 0, false);
    assertThat(plainFlip.toCrop(70, 35)[0]).isCloseTo(63 - plain.toCrop(70, 35)[0], within(1e-9));
    Landmarks back = t.toImage(inCrop, SWAP);
    for (int i = 0; i < 3; i++) {
      assertThat(back.x(i)).isCloseTo(p.x(i), within(1e-3f));
      assertThat(back.y(i)).isCloseTo(p.y(i), within(1e-3f));
    }
  }

  @Test
  void cropSamplesTheImageWhereTheTransformSays() {
    BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
    img.setRGB(30, 10, 0xffffff);
    CropTransform t = CropTransform.plain(new FaceBox(0, 0, 39, 39), 40, 40.0 / 39);
    float[] out = new float[3 * 40 * 40];
    Cropper.crop(img, t, 40, out, 0);
    double[] c = t.toCrop(30, 10);
    int u = (int) Math.round(c[0]);
    int v = (int) Math.round(c[1]);
    assertThat(out[v * 40 + u]).isGreaterThan(0.3f);
    assertThat(out[5 * 40 + 5]).isCloseTo(-0.5f, within(1e-6f));
  }
}
