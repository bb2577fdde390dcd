package dev.latent.optimizers;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.LineSearchOptimizer;
import dev.latent.api.optim.Objective;
import dev.latent.api.optim.OptimizerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Limited-memory BFGS (Nocedal 1980, "Updating Quasi-Newton Matrices with Limited Storage";
 * Liu and Nocedal 1989, "On the limited memory BFGS method for large scale optimization") with
 * a backtracking Armijo line search, over all parameters as one flat vector x.
 *
 * <p>Each update, with g the gradient at x and the last m pairs s_i = x_{i+1} - x_i,
 * y_i = g_{i+1} - g_i, rho_i = 1 / (y_i's_i), newest first (Nocedal and Wright 2006,
 * "Numerical Optimization", Algorithm 7.4):
 * <pre>
 * q = g;  for i newest..oldest: a_i = rho_i s_i'q;  q = q - a_i y_i
 * r = gamma q,  gamma = s'y / y'y of the newest pair   (min(1, 1/|g|) with no pair)
 * for i oldest..newest: b = rho_i y_i'r;  r = r + (a_i - b) s_i
 * d = -r;   if g'd &gt;= 0, forget the pairs and take d = -min(1, 1/|g|) g
 * t = lr, lr/2, lr/4, ... until f(x + t d) &lt;= f(x) + c1 t g'd   (c1 = 1e-4, at most maxEvaluations)
 * update = t d
 * </pre>
 * A new pair is kept only when s'y &gt; 1e-10, which keeps the implicit inverse Hessian positive
 * definite (the Armijo search alone does not ensure the curvature condition). If no trial step
 * is accepted the update is zero and the pairs are forgotten. With |g| &lt;= tolerance the update
 * is zero. The first step's scaling min(1, 1/|g|) is PyTorch's (which uses the L1 norm).
 *
 * <p>Contract ({@link LineSearchOptimizer}): on entry the gradients hold g and {@code loss}
 * f(x); trial points are evaluated by moving the values and calling the objective, which
 * overwrites the gradients; on exit the values are restored exactly (copied back) and the
 * gradients hold the update. With minibatches the objective is the current batch's loss, and
 * y mixes two batches' gradients: L-BFGS is meant for full-batch or large-batch training.
 *
 * <p>State, named {@code lbfgs}, allocated at init: for each parameter, the ring buffer
 * {@code s0..s<m-1>/<parameter>} and {@code y0..y<m-1>/<parameter>}, then
 * {@code last_step/} (the update made, the next s), {@code previous_gradient/},
 * {@code direction/} and {@code start/} (the values at which the line search started); and two
 * bookkeeping tensors of no parameter, {@code rho} (1 / y's of each ring slot) and
 * {@code counters} (updates made, pairs stored), in float64.
 */
public final class Lbfgs implements LineSearchOptimizer {

    /** The name of this optimizer's state. */
    public static final String NAME = "lbfgs";

    /** Armijo's sufficient-decrease constant c1. */
    public static final double ARMIJO_C1 = 1e-4;

    /** The factor by which a rejected trial step is shortened. */
    public static final double SHRINK = 0.5;

    /** The smallest s'y for which a pair is kept. */
    public static final double MIN_CURVATURE = 1e-10;

    private final Engine engine;
    private final double initialStep;
    private final int history;
    private final int maxEvaluations;
    private final double tolerance;

    /**
     * @param engine         the engine that owns the parameters' tensors
     * @param initialStep    lr, the first trial step t along d, &gt; 0 (1 is the quasi-Newton step)
     * @param history        m, the number of (s, y) pairs kept, &gt;= 1
     * @param maxEvaluations the most objective evaluations of one line search, &gt;= 1
     * @param tolerance      the gradient norm at or below which the update is zero, &gt;= 0
     */
    public Lbfgs(Engine engine, double initialStep, int history, int maxEvaluations, double tolerance) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (!(initialStep > 0) || history < 1 || maxEvaluations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("need initialStep > 0, history >= 1, maxEvaluations >= 1 and"
                    + " tolerance >= 0, found " + initialStep + ", " + history + ", " + maxEvaluations + ", " + tolerance);
        }
        this.initialStep = initialStep;
        this.history = history;
        this.maxEvaluations = maxEvaluations;
        this.tolerance = tolerance;
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String vector : List.of("s", "y")) {
            for (int i = 0; i < history; i++) {
                for (Parameter p : parameters) {
                    tensors.put(vector + i + "/" + p.name(), engine.zeros(p.value().dtype(), p.value().shape()));
                }
            }
        }
        for (String slot : List.of("last_step", "previous_gradient", "direction", "start")) {
            for (Parameter p : parameters) {
                tensors.put(slot + "/" + p.name(), engine.zeros(p.value().dtype(), p.value().shape()));
            }
        }
        tensors.put("rho", engine.zeros(DType.FLOAT64, history));
        tensors.put("counters", engine.zeros(DType.FLOAT64, 2));
        return new OptimizerState(NAME, tensors, List.of());
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step, double loss, Objective objective) {
        if (step < 1) {
            throw new IllegalArgumentException("the step count is 1-based, found " + step);
        }
        ParameterVector x = ParameterVector.values(engine, parameters);
        ParameterVector g = ParameterVector.gradients(engine, parameters);
        ParameterVector lastStep = ParameterVector.slot(engine, state, "last_step", parameters);
        ParameterVector previous = ParameterVector.slot(engine, state, "previous_gradient", parameters);
        ParameterVector d = ParameterVector.slot(engine, state, "direction", parameters);
        Tensor rhoTensor = state.tensors().get("rho");
        Tensor countersTensor = state.tensors().get("counters");
        double[] rho = rhoTensor.toDoubleArray();
        double[] counters = countersTensor.toDoubleArray();
        long pairs = (long) counters[1];

        if (counters[0] > 0) {             // the pair of the last update: s = x - x_prev, y = g - g_prev
            d.copyFrom(g);                 // the direction buffer holds y until the two-loop below
            d.axpy(-1, previous);
            double sy = lastStep.dot(d);
            if (sy > MIN_CURVATURE) {
                int slot = (int) (pairs % history);
                vector(state, "s", slot, parameters).copyFrom(lastStep);
                vector(state, "y", slot, parameters).copyFrom(d);
                rho[slot] = 1 / sy;
                pairs++;
            }
        }
        previous.copyFrom(g);

        double gradientNorm = Math.sqrt(g.dot(g));
        double t = 0;
        if (gradientNorm > tolerance) {
            pairs = searchDirection(state, parameters, g, d, rho, pairs, gradientNorm);
            double slope = g.dot(d);
            t = lineSearch(parameters, state, x, d, loss, slope, objective);
            if (t == 0) {
                pairs = 0;                 // no acceptable step along d: the pairs misled it
            }
        }
        g.setScaled(t, d);                 // update = t d (zero when converged or failed)
        lastStep.copyFrom(g);
        engine.assign(rhoTensor, rho);
        engine.assign(countersTensor, new double[] {counters[0] + 1, pairs});
    }

    /** Writes d = -H g into {@code d} by the two-loop recursion; returns the pairs kept (0 on a reset). */
    private long searchDirection(OptimizerState state, List<Parameter> parameters, ParameterVector g,
                                 ParameterVector d, double[] rho, long pairs, double gradientNorm) {
        int count = (int) Math.min(pairs, history);
        double[] alpha = new double[count];
        d.copyFrom(g);                                           // q = g
        for (int j = 0; j < count; j++) {                        // newest to oldest
            int i = (int) ((pairs - 1 - j) % history);
            alpha[j] = rho[i] * vector(state, "s", i, parameters).dot(d);
            d.axpy(-alpha[j], vector(state, "y", i, parameters));
        }
        double gamma = Math.min(1, 1 / gradientNorm);
        if (count > 0) {
            int newest = (int) ((pairs - 1) % history);
            ParameterVector y = vector(state, "y", newest, parameters);
            gamma = 1 / (rho[newest] * y.dot(y));                // s'y / y'y
        }
        d.scale(gamma);                                          // r = gamma q
        for (int j = count - 1; j >= 0; j--) {                   // oldest to newest
            int i = (int) ((pairs - 1 - j) % history);
            double beta = rho[i] * vector(state, "y", i, parameters).dot(d);
            d.axpy(alpha[j] - beta, vector(state, "s", i, parameters));
        }
        d.scale(-1);                                             // d = -r
        if (g.dot(d) < 0) {
            return pairs;
        }
        d.setScaled(-Math.min(1, 1 / gradientNorm), g);          // not a descent direction: steepest descent
        return 0;
    }

    /**
     * Backtracks from t = lr until f(x + t d) &lt;= f(x) + c1 t g'd; returns t, or 0 when no trial
     * is accepted. Leaves the values exactly as they were.
     */
    private double lineSearch(List<Parameter> parameters, OptimizerState state, ParameterVector x,
                              ParameterVector d, double loss, double slope, Objective objective) {
        ParameterVector start = ParameterVector.slot(engine, state, "start", parameters);
        start.copyFrom(x);
        double t = initialStep;
        boolean accepted = false;
        for (int evaluation = 1; evaluation <= maxEvaluations; evaluation++) {
            x.copyFrom(start);
            x.axpy(t, d);
            if (objective.evaluate() <= loss + ARMIJO_C1 * t * slope) {
                accepted = true;
                break;
            }
            t *= SHRINK;
        }
        x.copyFrom(start);
        return accepted ? t : 0;
    }

    private ParameterVector vector(OptimizerState state, String name, int slot, List<Parameter> parameters) {
        return ParameterVector.slot(engine, state, name + slot, parameters);
    }

    @Override
    public String toString() {
        return NAME + "(lr " + initialStep + ", history " + history + ", evaluations " + maxEvaluations
                + ", tolerance " + tolerance + ")";
    }
}
