package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CurvesTest {

    private static final double[] ERRORS = {0.02, 0.04, 0.06, 0.2};

    @Test
    void failureRateIsPercentAboveThreshold() {
        assertThat(Curves.failureRate(ERRORS, 0.08)).isCloseTo(25.0, within(1e-12));
        assertThat(Curves.failureRate(ERRORS, 0.05)).isCloseTo(50.0, within(1e-12));
        assertThat(Curves.failureRate(ERRORS, 0.01)).isCloseTo(100.0, within(1e-12));
        // An error equal to the threshold is not a failure (FR counts NME > threshold).
        assertThat(Curves.failureRate(new double[] {0.08, 0.081}, 0.08)).isCloseTo(50.0, within(1e-12));
    }

    @Test
    void aucMatchesHandComputedArea() {
        // CED of {0.02, 0.04, 0.06, 0.2} up to 0.08 is a staircase 0, 1/4, 1/2, 3/4 with steps at
        // 0.02, 0.04, 0.06: area = 0.25*0.02 + 0.5*0.02 + 0.75*0.02 = 0.03; / 0.08 = 0.375.
        assertThat(Curves.auc(ERRORS, 0.08)).isCloseTo(0.375, within(1e-12));
        // Up to 0.10: 0.25*0.02 + 0.5*0.02 + 0.75*0.04 = 0.045; / 0.10 = 0.45.
        assertThat(Curves.auc(ERRORS, 0.10)).isCloseTo(0.45, within(1e-12));
        assertThat(Curves.auc(new double[] {0, 0}, 0.08)).isCloseTo(1.0, within(1e-12));
        assertThat(Curves.auc(new double[] {0.5}, 0.08)).isZero();
    }

    @Test
    void cedCountsFacesAtOrBelowEachThreshold() {
        CedCurve curve = Curves.ced(ERRORS, 0.08, 5);
        assertThat(curve.thresholdArray()).containsExactly(new double[] {0.0, 0.02, 0.04, 0.06, 0.08}, within(1e-12));
        assertThat(curve.fractionArray()).containsExactly(new double[] {0.0, 0.25, 0.5, 0.75, 0.75}, within(1e-12));
        assertThat(curve.thresholds().get(4)).isEqualTo(0.08);
    }

    @Test
    void aucAgreesWithTrapezoidOverAFineCed() {
        Random random = new Random(7);
        double[] errors = new double[200];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Math.abs(0.045 + 0.02 * random.nextGaussian());
        }
        CedCurve curve = Curves.ced(errors, 0.08, 80_001);
        double area = 0;
        for (int i = 1; i < curve.thresholds().size(); i++) {
            double dx = curve.thresholds().get(i) - curve.thresholds().get(i - 1);
            area += dx * (curve.fractions().get(i) + curve.fractions().get(i - 1)) / 2;
        }
        assertThat(Curves.auc(errors, 0.08)).isCloseTo(area / 0.08, within(1e-4));
    }

    @Test
    void undefinedErrorsCountAsFailures() {
        double[] errors = {0.01, Double.NaN, Double.POSITIVE_INFINITY, 0.03};
        assertThat(Curves.failureRate(errors, 0.08)).isCloseTo(50.0, within(1e-12));
        assertThat(Curves.auc(errors, 0.08)).isCloseTo((0.07 + 0.05) / (4 * 0.08), within(1e-12));
        assertThat(Curves.ced(errors, 0.1, 2).fractions()).containsExactly(0.0, 0.5);
    }

    @Test
    void rejectsBadInputWithReason() {
        assertThatThrownBy(() -> Curves.auc(new double[0], 0.08)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> Curves.failureRate(new double[] {-0.1}, 0.08)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Curves.auc(ERRORS, 0)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> Curves.ced(ERRORS, 0.08, 1)).hasMessageContaining("steps");
    }
}
