package dev.sa.plugins.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class CoordinateLossTest {
  private static final float[] LABELS = {0.5f, 0.5f, 0.2f, 0.8f};
  // Errors 0, 0.1, 0.3, 0.05 (absolute), i.e. below and above w = 0.2.
  private static final float[] PREDICTIONS = {0.5f, 0.4f, 0.5f, 0.85f};

  private static float evaluate(CoordinateLoss loss, float[] weights) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList labels = new NDList(manager.create(LABELS, new Shape(1, 4)));
      if (weights != null) {
        labels.add(manager.create(weights, new Shape(1, weights.length)));
      }
      return loss.evaluate(labels, new NDList(manager.create(PREDICTIONS, new Shape(1, 4))))
          .getFloat();
    }
  }

  @Test
  void l1IsTheMeanAbsoluteError() {
    assertThat(evaluate(CoordinateLoss.l1(), null)).isCloseTo((0 + 0.1f + 0.3f + 0.05f) / 4, within(1e-6f));
  }

  @Test
  void wingIsLogarithmicBelowWidthAndLinearAbove() {
    double w = 0.2;
    double eps = 0.04;
    double c = w - w * Math.log(1 + w / eps);
    double expected = (0
        + w * Math.log(1 + 0.1 / eps)
        + (0.3 - c)
        + w * Math.log(1 + 0.05 / eps)) / 4;
    assertThat(evaluate(CoordinateLoss.wing(w, eps), null)).isCloseTo((float) expected, within(1e-5f));
  }

  @Test
  void wingForInputSizeScalesFengEtAlsPixelSettingBySide() {
    CoordinateLoss loss = CoordinateLoss.wingForInputSize(50);
    assertThat(loss.isWing()).isTrue();
    assertThat(loss.width()).isCloseTo(0.2f, within(1e-7f));
    assertThat(loss.epsilon()).isCloseTo(0.04f, within(1e-7f));
    // Pixel-space Wing (w=10, eps=2) on errors 0, 5, 15, 2.5 px, divided by S = 50.
    double c = 10 - 10 * Math.log(6);
    double pixels = (0 + 10 * Math.log(1 + 5 / 2.0) + (15 - c) + 10 * Math.log(1 + 2.5 / 2)) / 4;
    assertThat(evaluate(loss, null)).isCloseTo((float) (pixels / 50), within(1e-5f));
  }

  @Test
  void weightsPerLandmarkCoverBothCoordinates() {
    // Landmark 1 (errors 0.3 and 0.05) switched off: only 0 and 0.1 count.
    assertThat(evaluate(CoordinateLoss.l1(), new float[] {1, 0})).isCloseTo(0.05f, within(1e-6f));
    assertThat(evaluate(CoordinateLoss.l1(), new float[] {0, 0, 1, 1}))
        .isCloseTo(0.175f, within(1e-6f));
    assertThat(evaluate(CoordinateLoss.l1(), new float[] {0, 0})).isZero();
  }

  @Test
  void wingGradientIsContinuousAtTheOriginSlope() {
    // d/de of w ln(1 + e/eps) at e -> 0 is w/eps = 5, so a tiny error gets ~5x the L1 gradient.
    Engine.getInstance().setRandomSeed(1);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray prediction = manager.create(new float[] {0.501f}, new Shape(1, 1));
      prediction.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss = CoordinateLoss.wing(0.2, 0.04).evaluate(
            new NDList(manager.create(new float[] {0.5f}, new Shape(1, 1))), new NDList(prediction));
        collector.backward(loss);
      }
      assertThat(prediction.getGradient().getFloat()).isCloseTo(0.2f / 0.041f, within(1e-2f));
    }
  }

  @Test
  void invalidWingParametersAreRejected() {
    assertThatThrownBy(() -> CoordinateLoss.wing(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CoordinateLoss.wing(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
