package dev.sa.app.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.app.method.Frames.CropTransform;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramesTest {
  private static final int[] SWAP = {1, 0, 2};
  private static final dev.sa.api.ImageSource NO_IMAGE = new dev.sa.api.ImageSource() {
    @Override
    public java.awt.image.BufferedImage load() {
      throw new UnsupportedOperationException("geometry only");
    }

    @Override
    public String describe() {
      return "none";
    }
  };

  @Test
  void cropAndHeatmapCoordinatesShareCentres() {
    Frames f = new Frames(64, 16, 1.0, SWAP);
    // Crop pixels 0..3 cover heatmap pixel 0, whose centre is crop 1.5.
    assertThat(f.heatmapToCrop(0)).isCloseTo(1.5, within(1e-12));
    assertThat(f.cropToHeatmap(63)).isCloseTo(15.375, within(1e-12));
    assertThat(f.cropToHeatmap(f.heatmapToCrop(7.3))).isCloseTo(7.3, within(1e-12));
  }

  @Test
  void imageToHeatmapAndBackIsTheIdentityOnAugmentedFlippedCrops() {
    Frames f = new Frames(64, 32, 1.25, SWAP);
    Random r = new Random(7);
    FaceBox box = new FaceBox(10, 20, 110, 130);
    for (int trial = 0; trial < 50; trial++) {
      CropTransform t = f.augmented(box, r.nextGaussian() * 20, Math.exp(r.nextGaussian() * 0.1),
          r.nextGaussian() * 0.05, r.nextGaussian() * 0.05, r.nextBoolean());
      Landmarks p = Landmarks.of(new float[] {30 + r.nextFloat() * 20, 50, 80, 52 + r.nextFloat() * 5, 60, 100});
      double[] h = new double[2 + 6];
      f.toHeatmap(t, p, h, 2);
      Landmarks back = f.heatmapToImage(t, h, 2, 3);
      for (int k = 0; k < 3; k++) {
        assertThat(back.distance(k, p)).as("trial %d point %d", trial, k).isLessThan(1e-3);
      }
      float[] hf = new float[6];
      f.toHeatmap(t, p, hf, 0);
      for (int i = 0; i < 6; i++) {
        assertThat((double) hf[i]).isCloseTo(h[2 + i], within(1e-5));
      }
    }
  }

  @Test
  void aFlippedCropSwapsThePairedPointsSoIndicesKeepTheirMeaning() {
    Frames f = new Frames(64, 32, 1.0, SWAP);
    FaceBox box = new FaceBox(0, 0, 100, 100);
    Landmarks p = Landmarks.of(new float[] {30, 40, 70, 40, 50, 80});
    double[] plain = new double[6];
    double[] flipped = new double[6];
    f.toHeatmap(f.plain(box), p, plain, 0);
    f.toHeatmap(f.augmented(box, 0, 1, 0, 0, true), p, flipped, 0);
    // point 0 of the flipped crop is the mirror of point 1 of the plain crop: h - 1 - x
    assertThat(flipped[0]).isCloseTo(31 - plain[2], within(1e-4));
    assertThat(flipped[1]).isCloseTo(plain[3], within(1e-4));
    assertThat(flipped[4]).isCloseTo(31 - plain[4], within(1e-4));
  }

  @Test
  void regressionFractionsScaleByTheCropSide() {
    Frames f = new Frames(64, 16, 1.0, new int[] {0});
    CropTransform t = f.plain(new FaceBox(0, 0, 63, 63));
    Landmarks inImage = f.fractionToImage(t, new float[] {0.5f, 0.25f}, 0, 1);
    Landmarks inCrop = f.toCrop(t, inImage);
    assertThat((double) inCrop.x(0)).isCloseTo(32, within(1e-4));
    assertThat((double) inCrop.y(0)).isCloseTo(16, within(1e-4));
  }

  @Test
  void aHeatmapLargerThanTheCropIsRefused() {
    assertThatThrownBy(() -> new Frames(16, 32, 1.0, SWAP)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heatmapSize <= inputSize");
  }

  /**
   * The normaliser's frame: a face turned by its angle is upright in its crop (its eye line is
   * level), and landmarks go image -> upright crop -> heatmap -> image within 0.05 px, through
   * augmentation and flips too (float rounding only).
   */
  @Test
  void uprightCropsLevelTheEyeLineAndLandmarksSurviveTheRoundTrip() {
    Frames plain = new Frames(64, 16, 1.2, SWAP);
    Random r = new Random(11);
    EyeLine eyes = new EyeLine(java.util.List.of(0), java.util.List.of(1));
    for (int trial = 0; trial < 100; trial++) {
      double angle = (r.nextDouble() * 2 - 1) * 180;
      double cx = 200 + r.nextGaussian() * 50;
      double cy = 150 + r.nextGaussian() * 50;
      double half = 30 + r.nextDouble() * 40;
      double th = Math.toRadians(angle);
      // eyes +-0.4 half apart along the angle, a third point below them
      float[] pts = new float[6];
      double[][] local = {{-0.4 * half, -0.2 * half}, {0.4 * half, -0.2 * half}, {0.05 * half, 0.5 * half}};
      for (int k = 0; k < 3; k++) {
        pts[2 * k] = (float) (cx + Math.cos(th) * local[k][0] - Math.sin(th) * local[k][1]);
        pts[2 * k + 1] = (float) (cy + Math.sin(th) * local[k][0] + Math.cos(th) * local[k][1]);
      }
      Landmarks p = Landmarks.of(pts);
      FaceSample face = FaceSample.of("f" + trial, NO_IMAGE, new FaceBox(cx - half, cy - half, cx + half, cy + half), p,
          "test");
      assertThat(eyes.degrees(p)).isCloseTo(EyeLine.wrap(angle), within(1e-3));
      Frames f = plain.withUpright(Map.of(Frames.faceKey(face), angle));
      assertThat(f.uprightRotation(face)).isEqualTo(-angle);
      assertThat(eyes.degrees(f.toCrop(f.plain(face), p))).isCloseTo(0, within(1e-3));
      CropTransform t = r.nextBoolean() ? f.plain(face)
          : f.augmented(face, r.nextGaussian() * 10, Math.exp(r.nextGaussian() * 0.1), r.nextGaussian() * 0.03,
              r.nextGaussian() * 0.03, r.nextBoolean());
      float[] h = new float[6];
      f.toHeatmap(t, p, h, 0);
      Landmarks back = f.heatmapToImage(t, h, 0, 3);
      for (int k = 0; k < 3; k++) {
        assertThat(back.distance(k, p)).as("trial %d point %d", trial, k).isLessThan(0.05);
      }
    }
  }

  @Test
  void uprightFramesRefuseAFaceWithoutAnAngle() {
    Frames f = new Frames(64, 16, 1.0, SWAP).withUpright(Map.of());
    FaceSample face = FaceSample.of("x", NO_IMAGE, new FaceBox(0, 0, 10, 10), Landmarks.of(new float[6]), "test");
    assertThatThrownBy(() -> f.plain(face)).isInstanceOf(IllegalStateException.class).hasMessageContaining("'x'");
    assertThat(new Frames(64, 16, 1.0, SWAP).uprightRotation(face)).isZero();
  }
}
