package dev.latent.models.loss;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.models.layer.BatchBuffer;

/**
 * The Kullback-Leibler divergence of a diagonal Gaussian N(mu, exp(logVar)) to the standard
 * normal N(0, I), summed over the latent dimensions and averaged over the batch (Kingma and
 * Welling 2014, appendix B):
 * <pre>
 * KL = -(1/2N) sum over n, j of (1 + logVar[n,j] - mu[n,j]^2 - exp(logVar[n,j]))
 * dKL/dmu = mu / N        dKL/dlogVar = (exp(logVar) - 1) / 2N
 * </pre>
 * Buffers are allocated once per batch size. Not thread-safe.
 */
public final class GaussianKl implements AutoCloseable {

    private final Engine engine;
    private final BatchBuffer scratch;

    public GaussianKl(Engine engine, DType dtype, int latent) {
        this.engine = engine;
        this.scratch = new BatchBuffer(engine, dtype, latent);
    }

    /** The divergence per sample, averaged over the batch. */
    public double value(Tensor mu, Tensor logVar) {
        Tensor t = scratch.get(mu.rows());
        engine.exp(logVar, t);
        return finish(mu, logVar, t);
    }

    /**
     * Adds weight * dKL/dmu to gradMu and weight * dKL/dlogVar to gradLogVar, and returns the
     * divergence (unweighted).
     */
    public double addGradient(Tensor mu, Tensor logVar, double weight, Tensor gradMu, Tensor gradLogVar) {
        int n = mu.rows();
        Tensor t = scratch.get(n);
        engine.exp(logVar, t);
        // gradLogVar += weight (exp(logVar) - 1) / 2N, before t is reused for the value.
        engine.axpy(weight / (2.0 * n), t, gradLogVar);
        engine.addScalar(gradLogVar, -weight / (2.0 * n), gradLogVar);
        engine.axpy(weight / n, mu, gradMu);
        return finish(mu, logVar, t);
    }

    /** KL from t = exp(logVar). */
    private double finish(Tensor mu, Tensor logVar, Tensor t) {
        double elements = mu.size();
        double sumLogVar = engine.sum(logVar);
        double sumExp = engine.sum(t);
        double sumMu2 = engine.dot(mu, mu);
        return -0.5 * (elements + sumLogVar - sumMu2 - sumExp) / mu.rows();
    }

    @Override
    public void close() {
        scratch.close();
    }
}
