package dev.latent.models.psd;

/**
 * What one {@link Fista#solve} did, for a batch of B samples.
 *
 * @param iterations     the iterations run, from 1 to the cap
 * @param converged      whether the tolerance was met before the cap
 * @param reconstruction (1/B) sum over the batch of ||y - D z||^2 at the returned code
 * @param sparsity       (lambda/B) sum over the batch of ||z||_1 at the returned code
 * @param lipschitz      the step's Lipschitz constant L (the step was 1/L)
 */
public record FistaResult(int iterations, boolean converged, double reconstruction, double sparsity, double lipschitz) {

    /** {@return the energy minimised, per sample: reconstruction + sparsity} */
    public double energy() {
        return reconstruction + sparsity;
    }
}
