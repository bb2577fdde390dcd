package dev.latent.launcher.tune;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;

/**
 * A one-dimensional Parzen estimator over an interval [low, high], the density model of the
 * TPE sampler (Bergstra et al. 2011, "Algorithms for Hyper-Parameter Optimization", section 4):
 * an equally weighted mixture of normals truncated to the interval, one centred on each
 * observation, plus a prior component centred on the middle of the interval with the
 * interval's width as its standard deviation.
 *
 * <p>Bandwidths follow hyperopt's {@code adaptive_parzen_normal}: with the centres (prior
 * included) sorted, each component's standard deviation is the larger of the distances to its
 * two neighbours (the one neighbour at either end), clipped to
 * [width / min(100, 1 + components), width]; the prior keeps the width. Unlike hyperopt, old
 * observations are not down-weighted (a search of tens of trials does not reach hyperopt's 25).
 */
final class ParzenEstimator {

    private final double[] weights;
    private final TruncatedNormalDistribution[] components;

    /** The estimator of {@code observations}, each inside [low, high], low < high. */
    ParzenEstimator(double[] observations, double low, double high) {
        double width = high - low;
        double prior = (low + high) / 2;
        int n = observations.length + 1;
        double[] centres = Arrays.copyOf(observations, n);
        centres[n - 1] = prior;
        Arrays.sort(centres);
        int priorAt = Arrays.binarySearch(centres, prior);
        double[] sigmas = new double[n];
        for (int i = 0; i < n; i++) {
            double left = i > 0 ? centres[i] - centres[i - 1] : Double.NEGATIVE_INFINITY;
            double right = i < n - 1 ? centres[i + 1] - centres[i] : Double.NEGATIVE_INFINITY;
            sigmas[i] = n > 1 ? Math.max(left, right) : width;
        }
        double minSigma = width / Math.min(100.0, 1.0 + n);
        components = new TruncatedNormalDistribution[n];
        for (int i = 0; i < n; i++) {
            double sigma = i == priorAt ? width : Math.min(width, Math.max(minSigma, sigmas[i]));
            components[i] = TruncatedNormalDistribution.of(centres[i], sigma, low, high);
        }
        weights = new double[n];
        Arrays.fill(weights, 1.0 / n);
    }

    /**
     * A draw: a component picked by weight, then a draw from its truncated normal by inverting
     * its distribution function. (Not with the distribution's own {@code createSampler}: in
     * commons-statistics 1.1 its draws were measured off, for example a mean of 0.950 for
     * N(0.95, 0.06^2) truncated to [0, 0.95], whose mean is 0.902; the inverse gives 0.902.)
     */
    double sample(SplittableRandom random) {
        return components[Coordinates.pick(weights, random)].inverseCumulativeProbability(random.nextDouble());
    }

    /** The natural logarithm of the mixture's density at {@code x}, summed stably (log-sum-exp). */
    double logDensity(double x) {
        double[] terms = new double[components.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < components.length; i++) {
            terms[i] = Math.log(weights[i]) + components[i].logDensity(x);
            max = Math.max(max, terms[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }
}
