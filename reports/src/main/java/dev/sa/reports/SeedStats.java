package dev.sa.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Statistics over training seeds, for tables that must decide whether a variant beats its control
 * (issue 15): the mean with a 95% Student t interval, the paired (same seed) difference against a
 * control, and the share of the oracle's headroom a variant captured, with a bootstrap interval over
 * seeds. Pure math: values come in keyed by seed ("" for a run without a seed column, n = 1).
 */
final class SeedStats {

    /** Two-sided level of every interval. */
    static final double LEVEL = 0.95;
    /** Fixed seed of the bootstrap, so a report is the same every time it is built. */
    static final long BOOTSTRAP_SEED = 20190616L;
    static final int BOOTSTRAP_RESAMPLES = 4000;

    private SeedStats() {}

    /**
     * A mean over n seeds and its 95% interval; {@code low} and {@code high} are NaN when no interval
     * exists (n below 2).
     */
    record Estimate(double mean, int n, double low, double high) {
        Estimate {
            if (n < 0) {
                throw new IllegalArgumentException("n must be >= 0, got " + n);
            }
        }

        boolean hasInterval() {
            return n >= 2 && Double.isFinite(low) && Double.isFinite(high);
        }

        /** Half the interval's width (Student t intervals are symmetric), NaN without one. */
        double halfWidth() {
            return hasInterval() ? (high - low) / 2 : Double.NaN;
        }

        boolean excludesZero() {
            return hasInterval() && (low > 0 || high < 0);
        }
    }

    /** Mean and 95% Student t interval: mean +- t(0.975, n-1) * sd / sqrt(n). */
    static Estimate mean(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        int n = finite.length;
        if (n == 0) {
            return new Estimate(Double.NaN, 0, Double.NaN, Double.NaN);
        }
        double mean = Arrays.stream(finite).average().orElseThrow();
        if (n < 2) {
            return new Estimate(mean, n, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : finite) {
            ss += (v - mean) * (v - mean);
        }
        double half = tQuantile(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        return new Estimate(mean, n, mean - half, mean + half);
    }

    /** The 0.975 quantile of Student's t with {@code df} degrees of freedom (12.706 for df = 1). */
    static double tQuantile(int df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.5 + LEVEL / 2);
    }

    /**
     * Paired difference {@code variant - control} over the seeds both have, with its 95% t interval.
     * For an error metric a negative difference means the variant is better.
     */
    static Estimate pairedDifference(Map<String, Double> variant, Map<String, Double> control) {
        List<String> seeds = commonSeeds(variant, control);
        double[] d = seeds.stream().mapToDouble(s -> variant.get(s) - control.get(s)).toArray();
        return mean(d);
    }

    /**
     * Headroom captured, in percent: {@code 100 * (control - variant) / (control - oracle)} on the
     * seed means of the seeds all three share, with a percentile bootstrap interval (seeds drawn with
     * replacement, {@link #BOOTSTRAP_RESAMPLES} times, fixed seed). Resamples whose oracle gain is 0
     * are skipped. No interval below 2 seeds.
     */
    static Estimate headroom(Map<String, Double> variant, Map<String, Double> control, Map<String, Double> oracle) {
        List<String> seeds = commonSeeds(variant, control, oracle);
        int n = seeds.size();
        if (n == 0) {
            return new Estimate(Double.NaN, 0, Double.NaN, Double.NaN);
        }
        double[] gain = seeds.stream().mapToDouble(s -> control.get(s) - variant.get(s)).toArray();
        double[] room = seeds.stream().mapToDouble(s -> control.get(s) - oracle.get(s)).toArray();
        double point = ratio(gain, room, null);
        if (n < 2) {
            return new Estimate(point, n, Double.NaN, Double.NaN);
        }
        Random random = new Random(BOOTSTRAP_SEED);
        List<Double> draws = new ArrayList<>(BOOTSTRAP_RESAMPLES);
        int[] pick = new int[n];
        for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
            for (int i = 0; i < n; i++) {
                pick[i] = random.nextInt(n);
            }
            double r = ratio(gain, room, pick);
            if (Double.isFinite(r)) {
                draws.add(r);
            }
        }
        if (draws.isEmpty()) {
            return new Estimate(point, n, Double.NaN, Double.NaN);
        }
        double[] sorted = draws.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double tail = (1 - LEVEL) / 2;
        return new Estimate(point, n, percentile(sorted, tail), percentile(sorted, 1 - tail));
    }

    /** 100 * sum(gain) / sum(room) over the picked indices (all when {@code pick} is null). */
    private static double ratio(double[] gain, double[] room, int[] pick) {
        double g = 0;
        double r = 0;
        int n = pick == null ? gain.length : pick.length;
        for (int i = 0; i < n; i++) {
            int k = pick == null ? i : pick[i];
            g += gain[k];
            r += room[k];
        }
        return r == 0 ? Double.NaN : 100 * g / r;
    }

    /** Linear interpolation between order statistics (type 7, as R's default). */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Seeds present, with a finite value, in every map, in the first map's order. */
    @SafeVarargs
    static List<String> commonSeeds(Map<String, Double>... maps) {
        Objects.requireNonNull(maps);
        List<String> out = new ArrayList<>();
        for (String seed : maps[0].keySet()) {
            if (Arrays.stream(maps).allMatch(m -> m.containsKey(seed) && Double.isFinite(m.get(seed)))) {
                out.add(seed);
            }
        }
        return out;
    }
}
