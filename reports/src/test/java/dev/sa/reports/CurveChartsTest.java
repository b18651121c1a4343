package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CurveChartsTest {

    @Test
    void cedStaircaseHasOneStepPerDistinctErrorInPercent() {
        double[][] steps = CurveCharts.cedSteps(new double[] {0.02, 0.04, 0.04, 0.2}, 0.10);
        assertThat(steps[0]).containsExactly(new double[] {0, 2, 2, 4, 4, 10}, within(1e-9));
        assertThat(steps[1]).containsExactly(new double[] {0, 0, 25, 25, 75, 75}, within(1e-9));
    }

    @Test
    void largeSetsAreThinnedButStillEndAtTheTrueFraction() {
        Random random = new Random(3);
        double[] errors = new double[50_001];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Math.abs(0.04 + 0.02 * random.nextGaussian());
        }
        double[][] steps = CurveCharts.cedSteps(errors, 0.08);
        int stride = (errors.length + CurveCharts.MAX_CORNERS - 1) / CurveCharts.MAX_CORNERS;
        assertThat(steps[0].length).isLessThanOrEqualTo(2 * CurveCharts.MAX_CORNERS + 2);
        double last = steps[1][steps[1].length - 1];
        // The thinned curve may stop at most one stride short of the exact CED at 0.08.
        double exact = 100 - Curves.failureRate(errors, 0.08);
        assertThat(last).isLessThanOrEqualTo(exact).isGreaterThan(exact - 100.0 * stride / errors.length);
        for (int i = 1; i < steps[1].length; i++) {
            assertThat(steps[0][i]).isGreaterThanOrEqualTo(steps[0][i - 1]);
            assertThat(steps[1][i]).isGreaterThanOrEqualTo(steps[1][i - 1]);
        }
    }

    @Test
    void tickLabelsCarryOnlyTheDigitsTheyNeed() {
        assertThat(ChartKit.tickLabel(0.005)).isEqualTo("0.005");
        assertThat(ChartKit.tickLabel(0.01)).isEqualTo("0.01");
        assertThat(ChartKit.tickLabel(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(ChartKit.tickLabel(2.5e-6)).isEqualTo("0.0000025");
        assertThat(ChartKit.tickLabel(0)).isEqualTo("0");
    }
}
