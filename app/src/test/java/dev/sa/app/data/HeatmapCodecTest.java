package dev.sa.app.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sa.app.method.Frames;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeatmapCodecTest {
  @Test
  void roundTripIsUnbiasedOnManyRandomSubPixelPoints() {
    HeatmapCodec codec = new HeatmapCodec(32, 1.0);
    Random r = new Random(1);
    float[] map = new float[32 * 32];
    double sumDx = 0;
    double sumDy = 0;
    double maxErr = 0;
    int n = 2000;
    for (int i = 0; i < n; i++) {
      double x = 2 + r.nextDouble() * 27;
      double y = 2 + r.nextDouble() * 27;
      codec.encode(x, y, map, 0);
      double[] p = codec.decode(map, 0);
      sumDx += p[0] - x;
      sumDy += p[1] - y;
      maxErr = Math.max(maxErr, Math.hypot(p[0] - x, p[1] - y));
    }
    assertThat(Math.abs(sumDx / n)).isLessThan(0.01);
    assertThat(Math.abs(sumDy / n)).isLessThan(0.01);
    assertThat(maxErr).isLessThan(0.25);
  }

  @Test
  void encodeThenDecodeThroughCropRecoversAPointWithinAQuarterPixel() {
    HeatmapCodec codec = new HeatmapCodec(32, 1.5);
    Frames frames = new Frames(128, 32, 1.0, new int[] {0});
    float[] map = new float[32 * 32];
    double cropX = 51.37;
    double cropY = 80.91;
    codec.encode(frames.cropToHeatmap(cropX), frames.cropToHeatmap(cropY), map, 0);
    double[] p = codec.decode(map, 0);
    assertThat(frames.heatmapToCrop(p[0])).isCloseTo(cropX, within(0.25));
    assertThat(frames.heatmapToCrop(p[1])).isCloseTo(cropY, within(0.25));
    assertThat(p[2]).isGreaterThan(0.5);
  }
}
