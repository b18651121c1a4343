package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every number checked against a hand computation (t quantiles from printed tables). */
class SeedStatsTest {

    @Test
    void studentTQuantilesMatchPrintedTables() {
        assertThat(SeedStats.tQuantile(1)).isCloseTo(12.7062, within(1e-4));
        assertThat(SeedStats.tQuantile(2)).isCloseTo(4.3027, within(1e-4));
        assertThat(SeedStats.tQuantile(4)).isCloseTo(2.7764, within(1e-4));
        assertThat(SeedStats.tQuantile(30)).isCloseTo(2.0423, within(1e-4));
    }

    @Test
    void meanWithStudentInterval() {
        // mean 6, sd 1, half width 4.302653 / sqrt(3) = 2.484138
        SeedStats.Estimate e = SeedStats.mean(new double[] {5, 6, 7});
        assertThat(e.n()).isEqualTo(3);
        assertThat(e.mean()).isEqualTo(6.0);
        assertThat(e.low()).isCloseTo(3.515862, within(1e-5));
        assertThat(e.high()).isCloseTo(8.484138, within(1e-5));
        assertThat(e.halfWidth()).isCloseTo(2.484138, within(1e-5));
    }

    @Test
    void oneSeedHasNoInterval() {
        SeedStats.Estimate e = SeedStats.mean(new double[] {7.05});
        assertThat(e.mean()).isEqualTo(7.05);
        assertThat(e.n()).isEqualTo(1);
        assertThat(e.hasInterval()).isFalse();
        assertThat(e.excludesZero()).isFalse();
        assertThat(e.halfWidth()).isNaN();
    }

    @Test
    void pairedDifferenceUsesSameSeedPairs() {
        Map<String, Double> variant = seeds(6.0, 6.5, 5.9);
        Map<String, Double> control = seeds(6.2, 6.9, 6.0);
        control.put("99", 1.0); // no partner: left out
        // differences -0.2, -0.4, -0.1: mean -0.233333, sd 0.152753, half 4.302653 * 0.152753 / sqrt(3) = 0.379467
        SeedStats.Estimate d = SeedStats.pairedDifference(variant, control);
        assertThat(d.n()).isEqualTo(3);
        assertThat(d.mean()).isCloseTo(-0.233333, within(1e-6));
        assertThat(d.low()).isCloseTo(-0.612800, within(1e-5));
        assertThat(d.high()).isCloseTo(0.146133, within(1e-5));
        assertThat(d.excludesZero()).isFalse();

        // A consistent gain: -0.3, -0.31, -0.29 -> interval [-0.3248, -0.2752] excludes 0.
        SeedStats.Estimate better = SeedStats.pairedDifference(seeds(5.7, 6.59, 5.71), seeds(6.0, 6.9, 6.0));
        assertThat(better.high()).isCloseTo(-0.275159, within(1e-5));
        assertThat(better.excludesZero()).isTrue();
    }

    @Test
    void headroomCapturedWithBootstrapOverSeeds() {
        // One seed: the quick-start's numbers, 100 * (7.05 - 7.12) / (7.05 - 6.92) = -53.846 %, no interval.
        SeedStats.Estimate one = SeedStats.headroom(Map.of("", 7.12), Map.of("", 7.05), Map.of("", 6.92));
        assertThat(one.mean()).isCloseTo(-53.846, within(1e-3));
        assertThat(one.hasInterval()).isFalse();

        // Two seeds: a captures 50 % (6 -> 5.5 of 6 -> 5), b 20 % (7 -> 6.8 of 7 -> 6); pooled 0.7 / 2 = 35 %.
        // Resamples are {a,a}, {a,b}, {b,b}: the 2.5 % and 97.5 % points are the single-seed ratios.
        Map<String, Double> variant = new LinkedHashMap<>(Map.of("a", 5.5, "b", 6.8));
        Map<String, Double> control = Map.of("a", 6.0, "b", 7.0);
        Map<String, Double> oracle = Map.of("a", 5.0, "b", 6.0);
        SeedStats.Estimate two = SeedStats.headroom(variant, control, oracle);
        assertThat(two.mean()).isCloseTo(35.0, within(1e-9));
        assertThat(two.n()).isEqualTo(2);
        assertThat(two.low()).isCloseTo(20.0, within(1e-9));
        assertThat(two.high()).isCloseTo(50.0, within(1e-9));
        // Fixed bootstrap seed: the same numbers every time.
        assertThat(SeedStats.headroom(variant, control, oracle)).isEqualTo(two);
    }

    @Test
    void percentileInterpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4};
        assertThat(SeedStats.percentile(sorted, 0.5)).isEqualTo(2.5);
        assertThat(SeedStats.percentile(sorted, 0.0)).isEqualTo(1.0);
        assertThat(SeedStats.percentile(sorted, 1.0)).isEqualTo(4.0);
    }

    private static Map<String, Double> seeds(double s42, double s7, double s123) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("42", s42);
        out.put("7", s7);
        out.put("123", s123);
        return out;
    }
}
