package dev.latent.models.ae;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;

/**
 * The KL sparsity penalty of Ng's "Sparse autoencoder" notes (CS294A, 2011, section 3): each code
 * unit's mean activation over the batch, rho_hat_j = (1/m) sum over i of z_ij, is pulled towards
 * a small target rho by
 * <pre>
 * P = beta * sum over j of KL(rho || rho_hat_j)
 *   = beta * sum over j of [rho log(rho / rho_hat_j) + (1 - rho) log((1 - rho) / (1 - rho_hat_j))]
 * dP/dz_ij = (beta/m) (-rho / rho_hat_j + (1 - rho) / (1 - rho_hat_j))
 * </pre>
 * The codes must lie in (0, 1) (a sigmoid code). Departure from the notes: rho_hat is clipped to
 * [1e-7, 1 - 1e-7] so that a saturated unit (a sigmoid rounds to 0 or 1 in float32) gives a large
 * finite penalty instead of an infinite one. All buffers are vectors of the code size, allocated
 * once.
 */
public final class KlSparsity implements CodePenalty {

    private static final double CLIP = 1e-7;

    private final Engine engine;
    private final double beta;
    private final double rho;
    /** n (rho log rho + (1 - rho) log(1 - rho)): the part of sum_j KL that does not depend on rho_hat. */
    private final double constant;
    private final Tensor rhoHat;
    private final Tensor complement;
    private final Tensor work;
    private final Tensor ones;

    /**
     * @param beta the penalty's weight, >= 0
     * @param rho  the target mean activation, in (0, 1)
     */
    public KlSparsity(Engine engine, DType dtype, int codeSize, double beta, double rho) {
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("the KL weight must be >= 0, found " + beta);
        }
        if (!(rho > 0 && rho < 1)) {
            throw new IllegalArgumentException("the KL target must be in (0, 1), found " + rho);
        }
        this.engine = engine;
        this.beta = beta;
        this.rho = rho;
        this.constant = codeSize * (rho * Math.log(rho) + (1 - rho) * Math.log(1 - rho));
        this.rhoHat = engine.zeros(dtype, codeSize);
        this.complement = engine.zeros(dtype, codeSize);
        this.work = engine.zeros(dtype, codeSize);
        this.ones = engine.zeros(dtype, codeSize);
        engine.fill(ones, 1);
    }

    @Override
    public String name() {
        return "sparsity";
    }

    @Override
    public double addGradient(Tensor code, Tensor gradCode) {
        double penalty = value(code);
        // work = (1 - rho) / (1 - rho_hat) - rho / rho_hat, then scaled by beta / m
        engine.div(ones, complement, complement);
        engine.div(ones, rhoHat, work);
        engine.scale(work, -rho, work);
        engine.axpy(1 - rho, complement, work);
        engine.scale(work, beta / code.rows(), work);
        engine.addRowVector(gradCode, work, gradCode);
        return penalty;
    }

    /** Also leaves rho_hat and 1 - rho_hat (clipped) in their buffers for the gradient. */
    @Override
    public double value(Tensor code) {
        engine.columnSums(code, rhoHat);
        engine.scale(rhoHat, 1.0 / code.rows(), rhoHat);
        engine.clip(rhoHat, CLIP, 1 - CLIP, rhoHat);
        engine.scale(rhoHat, -1, complement);
        engine.addScalar(complement, 1, complement);
        engine.log(rhoHat, work);
        double sumLogRhoHat = engine.sum(work);
        engine.log(complement, work);
        double sumLogComplement = engine.sum(work);
        return beta * (constant - rho * sumLogRhoHat - (1 - rho) * sumLogComplement);
    }

    /** The mean activation of each code unit over the last batch seen, clipped; for tests and reports. */
    public double[] meanActivation() {
        return rhoHat.toDoubleArray();
    }

    @Override
    public void close() {
        rhoHat.close();
        complement.close();
        work.close();
        ones.close();
    }

    @Override
    public String toString() {
        return "KlSparsity(beta " + beta + ", rho " + rho + ")";
    }
}
