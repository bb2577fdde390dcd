package dev.latent.models.psd;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;

/**
 * Estimates sigma_max(D)^2, the largest eigenvalue of D^T D, by power iteration (Golub and Van
 * Loan, section 8.2.1): v &lt;- D^T D v / ||D^T D v||, with the Rayleigh quotient v^T D^T D v as
 * the estimate, until it changes by less than {@link #TOLERANCE} (relative) or after
 * {@link #MAX_ITERATIONS} iterations.
 *
 * <p>The vector is kept between calls, so that after a small change of D (one training update)
 * the next estimate starts from the last eigenvector and takes a few iterations. It is state that
 * training changes, so the model lists it among its buffers and checkpoints restore it. The
 * Rayleigh quotient never exceeds the true eigenvalue; {@link Fista} adds a margin.
 */
public final class PowerIteration implements AutoCloseable {

    /** The relative change of the Rayleigh quotient at which iteration stops. */
    static final double TOLERANCE = 1e-5;
    /** The iteration cap. */
    static final int MAX_ITERATIONS = 200;

    private final Engine engine;
    private final Dictionary dictionary;
    private final Tensor vector;
    private final Tensor image;
    private final Tensor next;
    private int lastIterations;

    /** @param random draws the starting vector, uniform in [-1, 1) and then normalised */
    public PowerIteration(Engine engine, DType dtype, Dictionary dictionary, RandomStream random) {
        this.engine = engine;
        this.dictionary = dictionary;
        this.vector = engine.zeros(dtype, dictionary.codeShape(1));
        this.image = engine.zeros(dtype, dictionary.signalShape(1));
        this.next = engine.zeros(dtype, dictionary.codeShape(1));
        random.fillUniform(vector, -1, 1);
        engine.scale(vector, 1 / Math.sqrt(engine.dot(vector, vector)), vector);
    }

    /** {@return the current estimate of sigma_max(D)^2, iterating from the kept vector; 0 for D = 0} */
    public double largestEigenvalue() {
        double estimate = 0;
        for (int i = 1; i <= MAX_ITERATIONS; i++) {
            lastIterations = i;
            dictionary.apply(vector, image);
            dictionary.adjoint(image, next);
            double rayleigh = engine.dot(vector, next);
            double norm = Math.sqrt(engine.dot(next, next));
            if (norm == 0) {
                return 0;   // D v = 0: keep v (D may change) and report a zero operator
            }
            engine.scale(next, 1 / norm, vector);
            if (Math.abs(rayleigh - estimate) <= TOLERANCE * rayleigh) {
                return rayleigh;
            }
            estimate = rayleigh;
        }
        return estimate;
    }

    /** {@return the iterations the last estimate took} */
    public int lastIterations() {
        return lastIterations;
    }

    /** {@return the kept vector, a buffer of the model} */
    public Tensor vector() {
        return vector;
    }

    @Override
    public void close() {
        vector.close();
        image.close();
        next.close();
    }
}
