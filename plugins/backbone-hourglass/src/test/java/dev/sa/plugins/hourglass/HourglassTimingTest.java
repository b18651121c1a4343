package dev.sa.plugins.hourglass;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.BackboneSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seconds per training step (forward, backward, Adam) of the default hourglass: 2 stacks, 128
 * channels, batch 8, 64 px input, at heatmap 32 (the host's default) and 16 (Newell's S/4).
 * Prints; asserts nothing about speed. Run with
 * {@code mvn -o -pl plugins/backbone-hourglass test -Dgroups=slow -Dsa.excludedGroups=gpu}.
 */
@Tag("slow")
class HourglassTimingTest {
  private static final int BATCH = 8;
  private static final int INPUT = 64;
  private static final int LANDMARKS = 68;
  private static final int WARMUP = 3;
  private static final int STEPS = 11;

  @Test
  void secondsPerTrainingStep() {
    for (int heatmap : new int[] {32, 16}) {
      Engine.getInstance().setRandomSeed(3);
      Shape input = new Shape(BATCH, 3, INPUT, INPUT);
      var backbone = new HourglassPlugin().build(
          new BackboneSpec(LANDMARKS, INPUT, heatmap, HourglassOptions.defaults()));
      try (TinyTraining training = new TinyTraining(backbone.block(), input, 2.5e-4f)) {
        NDArray images = training.manager().randomUniform(-0.5f, 0.5f, input);
        NDArray target = TinyTraining.gaussians(training.manager(), BATCH, LANDMARKS, heatmap);
        for (int i = 0; i < WARMUP; i++) {
          training.step(images, target);
        }
        // Median of single steps, so that a burst of load from other processes does not decide
        // the figure; each step waits for its loss, hence for the previous step's update.
        double[] seconds = new double[STEPS];
        for (int i = 0; i < STEPS; i++) {
          long start = System.nanoTime();
          training.step(images, target);
          seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        System.out.printf("hourglass 2x128, batch %d, %d px -> %d heatmaps: median %.3f s/step"
            + " (min %.3f, max %.3f)%n", BATCH, INPUT, heatmap, seconds[STEPS / 2], seconds[0],
            seconds[STEPS - 1]);
        assertThat(seconds[0]).isPositive();
      }
    }
  }
}
