package dev.sa.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pure accuracy curves over per-face normalised errors, as used for 300W / AFLW / 300-VW
 * (paper Section 5, "Evaluation metric"): the cumulative error distribution (CED), the area under
 * it up to a threshold (AUC) and the failure rate (FR).
 *
 * <p>Every method takes per-face errors as <em>fractions</em> of the normaliser (0.05 means 5 % of
 * the inter-pupil distance), the unit of {@code errors.csv}. A face whose error is NaN or infinite
 * (no detection) counts as a failure at every threshold. Negative errors are rejected.
 */
public final class Curves {

    private Curves() {}

    /**
     * Cumulative error distribution: for {@code steps} thresholds evenly spaced on
     * [0, maxError] (both ends included), the fraction of faces whose error is at most the threshold.
     *
     * @param errors per-face errors (fractions), at least one
     * @param maxError largest threshold on the x axis, e.g. 0.08 or 0.10; positive
     * @param steps number of points, at least 2
     * @return the curve, fractions in [0, 1] and non-decreasing
     */
    public static CedCurve ced(double[] errors, double maxError, int steps) {
        double[] sorted = checkedSorted(errors);
        if (!(maxError > 0) || Double.isInfinite(maxError)) {
            throw new IllegalArgumentException("maxError must be a positive finite fraction (e.g. 0.08), got " + maxError);
        }
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be at least 2 (the curve needs both ends), got " + steps);
        }
        List<Double> xs = new ArrayList<>(steps);
        List<Double> ys = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            // Computed from i, not accumulated, so the last threshold is exactly maxError.
            double x = i == steps - 1 ? maxError : maxError * i / (steps - 1);
            xs.add(x);
            ys.add(countAtMost(sorted, x) / (double) sorted.length);
        }
        return new CedCurve(xs, ys);
    }

    /**
     * Area under the CED from 0 to {@code threshold}, divided by {@code threshold}, so 1 means every
     * face is perfect and 0 means every face has error at least the threshold (AUC@0.08 in the 300W
     * literature). Computed exactly rather than by a trapezoid rule on a grid: the CED is a step
     * function, so its integral is {@code mean(max(0, threshold - e))}.
     *
     * @param errors per-face errors (fractions), at least one
     * @param threshold upper end of the integral, e.g. 0.08; positive
     * @return the normalised area, a fraction in [0, 1]
     */
    public static double auc(double[] errors, double threshold) {
        double[] sorted = checkedSorted(errors);
        checkThreshold(threshold);
        double sum = 0;
        for (double e : sorted) {
            if (e < threshold) {
                sum += threshold - e;
            }
        }
        return sum / (sorted.length * threshold);
    }

    /**
     * Failure rate: the share of faces whose error is greater than {@code threshold}, in
     * <em>percent</em> (0..100), the unit of the {@code fr@0.08} metric in {@code metrics.csv}.
     *
     * @param errors per-face errors (fractions), at least one
     * @param threshold failure threshold, e.g. 0.08 or 0.10; positive
     * @return percent of faces failing
     */
    public static double failureRate(double[] errors, double threshold) {
        double[] sorted = checkedSorted(errors);
        checkThreshold(threshold);
        int ok = countAtMost(sorted, threshold);
        return 100.0 * (sorted.length - ok) / sorted.length;
    }

    /** Sorted copy in which NaN and infinities became +infinity (failures). */
    private static double[] checkedSorted(double[] errors) {
        if (errors == null || errors.length == 0) {
            throw new IllegalArgumentException("errors must hold at least one per-face error");
        }
        double[] copy = new double[errors.length];
        for (int i = 0; i < errors.length; i++) {
            double e = errors[i];
            if (e < 0) {
                throw new IllegalArgumentException("errors[" + i + "] = " + e + " is negative; a normalised error is >= 0");
            }
            copy[i] = Double.isFinite(e) ? e : Double.POSITIVE_INFINITY;
        }
        Arrays.sort(copy);
        return copy;
    }

    private static void checkThreshold(double threshold) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive finite fraction (e.g. 0.08), got " + threshold);
        }
    }

    /** Number of sorted values that are at most x (upper bound by binary search). */
    private static int countAtMost(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
