package dev.latent.models.psd;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * FISTA, the fast iterative shrinkage-thresholding algorithm of Beck and Teboulle (2009, "A fast
 * iterative shrinkage-thresholding algorithm for linear inverse problems", SIAM J. Imaging
 * Sciences 2(1), constant step size scheme), for the sparse codes of a batch:
 * <pre>
 * min over z of  F(z) = ||y - D z||^2 + lambda ||z||_1        (each sample separately)
 *
 * x_0 = z_0 (zero or a warm start), w_1 = x_0, t_1 = 1
 * x_k     = S(w_k - (1/L) 2 D^T (D w_k - y), lambda / L)      S(v, a) = sign(v) max(|v| - a, 0)
 * t_{k+1} = (1 + sqrt(1 + 4 t_k^2)) / 2
 * w_{k+1} = x_k + ((t_k - 1) / t_{k+1}) (x_k - x_{k-1})
 * </pre>
 * The gradient 2 D^T (D z - y) of the smooth part is Lipschitz with L = 2 sigma_max(D)^2, which
 * {@link PowerIteration} estimates before every solve (D changes with every training update);
 * the step uses {@link #LIPSCHITZ_MARGIN} times the estimate, because the power iteration's
 * Rayleigh quotient approaches sigma_max^2 from below, and FISTA's convergence needs L at least
 * the true constant.
 *
 * <p>The batch is solved as one matrix problem: all samples share the iterations and t_k, and
 * iteration stops when the relative change of the whole batch's code,
 * ||x_k - x_{k-1}||_F / ||x_k||_F, falls below the tolerance, or at the iteration cap. The
 * shrinkage is computed as S(v, a) = v - clip(v, -a, a), so every step is an engine operation
 * (two dictionary products, nine element-wise operations and two dot products an iteration).
 * Working tensors are allocated once per batch size.
 */
public final class Fista implements AutoCloseable {

    /** The factor applied to the power iteration's estimate of L. */
    static final double LIPSCHITZ_MARGIN = 1.02;

    private final Engine engine;
    private final DType dtype;
    private final Dictionary dictionary;
    private final PowerIteration power;
    private final double lambda;
    private final int maxIterations;
    private final double tolerance;
    private final Map<Integer, Workspace> workspaces = new HashMap<>();

    /**
     * @param lambda        the L1 weight, &gt;= 0
     * @param maxIterations the iteration cap, &gt;= 1
     * @param tolerance     the relative change of the code below which iteration stops, &gt;= 0
     */
    public Fista(Engine engine, DType dtype, Dictionary dictionary, PowerIteration power, double lambda,
                 int maxIterations, double tolerance) {
        if (!(lambda >= 0) || maxIterations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("FISTA needs lambda >= 0, maxIterations >= 1 and tolerance >= 0, found "
                    + lambda + ", " + maxIterations + ", " + tolerance);
        }
        this.engine = engine;
        this.dtype = dtype;
        this.dictionary = dictionary;
        this.power = power;
        this.lambda = lambda;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    public double lambda() {
        return lambda;
    }

    /** The buffers of one batch size: the iterates, the momentum point, the residual, temporaries. */
    private record Workspace(Tensor x, Tensor previous, Tensor momentum, Tensor step, Tensor clipped,
                             Tensor change, Tensor codeGradient, Tensor residual) {

        void close() {
            for (Tensor t : new Tensor[] {x, previous, momentum, step, clipped, change, codeGradient, residual}) {
                t.close();
            }
        }
    }

    private Workspace workspace(int batch) {
        return workspaces.computeIfAbsent(batch, b -> {
            int[] code = dictionary.codeShape(b);
            return new Workspace(engine.zeros(dtype, code), engine.zeros(dtype, code), engine.zeros(dtype, code),
                    engine.zeros(dtype, code), engine.zeros(dtype, code), engine.zeros(dtype, code),
                    engine.zeros(dtype, code), engine.zeros(dtype, dictionary.signalShape(b)));
        });
    }

    /** As {@link #solve(Tensor, Tensor, boolean, DoubleConsumer)} without an energy trace. */
    public FistaResult solve(Tensor signals, Tensor codes, boolean warmStart) {
        return solve(signals, codes, warmStart, null);
    }

    /**
     * Solves for the codes of a batch.
     *
     * @param signals   y, in the dictionary's signal shape
     * @param codes     z, in the dictionary's code shape: read as the starting point when
     *                  {@code warmStart}, and overwritten with the solution
     * @param warmStart start from {@code codes} (as unsup's PSD starts from the encoder's
     *                  prediction) instead of from zero
     * @param trace     receives the mean energy per sample after each iteration, or null (each
     *                  call costs one more dictionary product)
     */
    public FistaResult solve(Tensor signals, Tensor codes, boolean warmStart, DoubleConsumer trace) {
        int batch = signals.rows();
        Workspace w = workspace(batch);
        double lipschitz = Math.max(2 * LIPSCHITZ_MARGIN * power.largestEigenvalue(), Double.MIN_NORMAL);
        double threshold = lambda / lipschitz;
        if (!warmStart) {
            engine.fill(codes, 0);
        }
        Tensor x = w.x();
        Tensor previous = w.previous();
        engine.copy(codes, x);
        engine.copy(codes, w.momentum());
        double t = 1;
        int iterations = 0;
        boolean converged = false;
        while (iterations < maxIterations && !converged) {
            iterations++;
            Tensor swap = previous;
            previous = x;
            x = swap;
            // the gradient step from the momentum point: v = w - (2/L) D^T (D w - y)
            dictionary.apply(w.momentum(), w.residual());
            engine.sub(w.residual(), signals, w.residual());
            dictionary.adjoint(w.residual(), w.codeGradient());
            engine.copy(w.momentum(), w.step());
            engine.axpy(-2 / lipschitz, w.codeGradient(), w.step());
            // shrinkage: x = v - clip(v, -lambda/L, lambda/L)
            engine.clip(w.step(), -threshold, threshold, w.clipped());
            engine.sub(w.step(), w.clipped(), x);
            engine.sub(x, previous, w.change());
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            engine.copy(x, w.momentum());
            engine.axpy((t - 1) / tNext, w.change(), w.momentum());
            t = tNext;
            double change = engine.dot(w.change(), w.change());
            double size = engine.dot(x, x);
            converged = change <= tolerance * tolerance * size;
            if (trace != null) {
                trace.accept(energy(signals, x, w, batch).energy());
            }
        }
        engine.copy(x, codes);
        FistaResult e = energy(signals, codes, w, batch);
        return new FistaResult(iterations, converged, e.reconstruction(), e.sparsity(), lipschitz);
    }

    /** The energy terms at {@code codes}, leaving D z - y in the workspace's residual. */
    private FistaResult energy(Tensor signals, Tensor codes, Workspace w, int batch) {
        dictionary.apply(codes, w.residual());
        engine.sub(w.residual(), signals, w.residual());
        double reconstruction = engine.dot(w.residual(), w.residual()) / batch;
        return new FistaResult(0, false, reconstruction, lambda * l1(codes, w.clipped()) / batch, 0);
    }

    /** sum of |z| over every element, via sqrt(z^2) into {@code scratch}. */
    private double l1(Tensor codes, Tensor scratch) {
        engine.square(codes, scratch);
        engine.sqrt(scratch, scratch);
        return engine.sum(scratch);
    }

    /**
     * The residual D z - y of the last {@link #solve} of a batch of this size, at the returned
     * codes; owned by the solver until its next solve of that size.
     */
    public Tensor residual(int batch) {
        Workspace w = workspaces.get(batch);
        if (w == null) {
            throw new IllegalStateException("no solve of a batch of " + batch + " yet");
        }
        return w.residual();
    }

    /** {@return the energy terms at the given codes, as the solver measures them} (iterations 0) */
    public FistaResult energyAt(Tensor signals, Tensor codes) {
        return energy(signals, codes, workspace(signals.rows()), signals.rows());
    }

    @Override
    public void close() {
        workspaces.values().forEach(Workspace::close);
        workspaces.clear();
    }
}
