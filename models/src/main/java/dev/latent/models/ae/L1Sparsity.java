package dev.latent.models.ae;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.models.layer.BatchBuffer;

/**
 * The L1 sparsity penalty on the code (as in Lee et al. 2008, "Sparse deep belief net model for
 * visual area V2", and Goodfellow et al. 2016, section 14.2.1):
 * <pre>
 * P = lambda * (1/m) sum over i, j of |z_ij|,      dP/dz_ij = (lambda/m) sign(z_ij)
 * </pre>
 * for a batch of m codes z. sign(0) is taken as 0 (a subgradient). Works with any code
 * activation; with ReLU codes it pushes units to exactly zero.
 */
public final class L1Sparsity implements CodePenalty {

    /**
     * sign(z) is computed as clip(z * SIGN_GAIN, -1, 1): exact for |z| >= 1 / SIGN_GAIN, and
     * within float32 range (an overflow to infinity clips to +-1 as well).
     */
    private static final double SIGN_GAIN = 1e30;

    private final Engine engine;
    private final double lambda;
    private final BatchBuffer sign;

    /** @param lambda the penalty's weight, >= 0 */
    public L1Sparsity(Engine engine, DType dtype, int codeSize, double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("the L1 weight must be >= 0, found " + lambda);
        }
        this.engine = engine;
        this.lambda = lambda;
        this.sign = new BatchBuffer(engine, dtype, codeSize);
    }

    @Override
    public String name() {
        return "sparsity";
    }

    @Override
    public double addGradient(Tensor code, Tensor gradCode) {
        Tensor s = signOf(code);
        double scale = lambda / code.rows();
        engine.axpy(scale, s, gradCode);
        return scale * engine.dot(code, s);
    }

    @Override
    public double value(Tensor code) {
        // |z| = z * sign(z)
        return lambda / code.rows() * engine.dot(code, signOf(code));
    }

    private Tensor signOf(Tensor code) {
        Tensor s = sign.get(code.rows());
        engine.scale(code, SIGN_GAIN, s);
        engine.clip(s, -1, 1, s);
        return s;
    }

    @Override
    public void close() {
        sign.close();
    }

    @Override
    public String toString() {
        return "L1Sparsity(" + lambda + ")";
    }
}
