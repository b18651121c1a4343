package dev.sa.reports;

import java.util.List;

/**
 * A cumulative error distribution: {@code fractions.get(i)} of the faces have a normalised error
 * of at most {@code thresholds.get(i)}. Built by {@link Curves#ced(double[], double, int)}.
 *
 * @param thresholds error thresholds (fractions of the normaliser), increasing
 * @param fractions fraction of faces at or below each threshold, in [0, 1], non-decreasing
 */
public record CedCurve(List<Double> thresholds, List<Double> fractions) {

    public CedCurve {
        thresholds = List.copyOf(thresholds);
        fractions = List.copyOf(fractions);
        if (thresholds.size() != fractions.size() || thresholds.size() < 2) {
            throw new IllegalArgumentException("a CED needs at least 2 points and as many fractions as thresholds, got "
                    + thresholds.size() + " thresholds and " + fractions.size() + " fractions");
        }
        for (int i = 0; i < fractions.size(); i++) {
            double f = fractions.get(i);
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("fraction " + i + " = " + f + " is outside [0, 1]");
            }
            if (i > 0 && (thresholds.get(i) <= thresholds.get(i - 1) || f < fractions.get(i - 1))) {
                throw new IllegalArgumentException("point " + i + " breaks the order: thresholds must increase and fractions must not decrease");
            }
        }
    }

    /** Thresholds as a fresh array, for charting libraries. */
    public double[] thresholdArray() {
        return thresholds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Fractions as a fresh array, for charting libraries. */
    public double[] fractionArray() {
        return fractions.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
