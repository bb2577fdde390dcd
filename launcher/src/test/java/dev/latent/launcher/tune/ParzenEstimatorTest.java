package dev.latent.launcher.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.junit.jupiter.api.Test;

/** The Parzen estimator: hyperopt's bandwidths, a density that integrates to one, and draws that follow it. */
class ParzenEstimatorTest {

    private final ParzenEstimator estimator = new ParzenEstimator(new double[] {0.8, 0.1, 0.2}, 0, 1);

    @Test
    void isTheMixtureOfTruncatedNormalsWithHyperoptsBandwidths() {
        // centres 0.1, 0.2, 0.5 (the prior), 0.8; the larger neighbour distance: 0.1, 0.3, (prior: the width 1), 0.3;
        // clipped below at 1 / min(100, 1 + 4) = 0.2
        double[][] components = {{0.1, 0.2}, {0.2, 0.3}, {0.5, 1.0}, {0.8, 0.3}};
        for (double x : new double[] {0, 0.05, 0.15, 0.5, 0.77, 1}) {
            double p = 0;
            for (double[] c : components) {
                p += TruncatedNormalDistribution.of(c[0], c[1], 0, 1).density(x) / 4;
            }
            assertEquals(Math.log(p), estimator.logDensity(x), 1e-12, "at " + x);
        }
    }

    @Test
    void drawsFollowTheDensity() {
        int n = 2000;
        double integral = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double x = (i + 0.5) / n;
            double p = Math.exp(estimator.logDensity(x));
            integral += p / n;
            mean += x * p / n;
        }
        assertEquals(1, integral, 1e-6);
        SplittableRandom random = new SplittableRandom(5);
        double drawn = 0;
        int draws = 40000;
        for (int i = 0; i < draws; i++) {
            double x = estimator.sample(random);
            assertEquals(0.5, x, 0.5);
            drawn += x / draws;
        }
        assertEquals(mean, drawn, 0.005);
    }
}
