package dev.sa.app.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChiSquareWeightsTest {
  private static final int H = 12;

  @Test
  void weightsAreOneOverTheTemplateInsideItsWindowAndZeroOutside() {
    // search template 9 at upsample 3 -> 3 heatmap pixels; sigma 1, floor 0.01
    ChiSquareWeights w = new ChiSquareWeights(new SearchParams(5, 9, 1.0, 0.1, 3, 0.01, false), H);
    assertThat(w.side()).isEqualTo(3);
    float[] out = new float[H * H];
    w.render(5, 6, out, 0);
    assertThat((double) out[6 * H + 5]).isCloseTo(1.0, within(1e-6));
    // one pixel off on one axis: 1 / exp(-1/2)
    assertThat((double) out[6 * H + 6]).isCloseTo(Math.exp(0.5), within(1e-5));
    // diagonal: 1 / exp(-1)
    assertThat((double) out[7 * H + 4]).isCloseTo(Math.E, within(1e-5));
    // two pixels off is outside the 3 x 3 window
    assertThat(out[6 * H + 7]).isZero();
    int nonZero = 0;
    for (float v : out) {
      nonZero += v != 0 ? 1 : 0;
    }
    assertThat(nonZero).isEqualTo(9);
  }

  @Test
  void theFloorBoundsTheWeightsAndTheWindowIsClippedAtTheBorder() {
    ChiSquareWeights w = new ChiSquareWeights(new SearchParams(5, 7, 0.5, 0.1, 1, 0.05, false), H);
    assertThat(w.side()).isEqualTo(7);
    float[] out = new float[2 * H * H];
    w.render(0.4, 11, out, H * H);
    // the map at offset H*H is written, the first one is not
    for (int i = 0; i < H * H; i++) {
      assertThat(out[i]).isZero();
    }
    // 2.6 pixels off with sigma 0.5: exp(-13.5) < floor, so the weight is 1/floor
    assertThat((double) out[H * H + 11 * H + 3]).isCloseTo(20, within(1e-4));
    // the sub-pixel target rounds to (0, 11) and keeps its true distance for the value
    assertThat((double) out[H * H + 11 * H]).isCloseTo(1 / Math.exp(-0.16 / 0.5), within(1e-4));
  }
}
