package dev.latent.api.optim;

/**
 * Implemented by an {@link Optimizer} that reads {@link dev.latent.api.model.Parameter#curvature()}
 * (per-parameter rates from a diagonal-Hessian estimate). The trainer then re-estimates the
 * curvature: before the first update and again every {@link #everySamples()} training samples,
 * it zeroes every curvature, calls {@link dev.latent.api.model.Model#accumulateCurvature} on
 * {@link #estimateSamples()} training samples and divides by the number of batches used, so
 * that the curvature holds the mean per-batch estimate.
 */
public interface CurvatureEstimates {

    /** {@return the training samples between two estimates, &gt;= 1} */
    long everySamples();

    /** {@return the training samples each estimate averages over, &gt;= 1} */
    int estimateSamples();
}
