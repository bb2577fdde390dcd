package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A gradient transformation that divides the update by the root of the sum of all past squared
 * gradients (Duchi, Hazan and Singer 2011, "Adaptive Subgradient Methods for Online Learning
 * and Stochastic Optimization", the diagonal variant); optax's {@code scale_by_rss}. Adagrad
 * is this followed by {@link ScaleByLearningRate}.
 *
 * <pre>
 * G = G + u^2                  (G starts at the initial accumulator value)
 * u = u / (sqrt(G) + eps)
 * </pre>
 *
 * As in Torch and PyTorch, eps is added after the square root; optax adds it inside.
 *
 * <p>State, named {@code scale_by_adagrad}: tensors {@code sum_of_squares/<parameter>} (G) for
 * every parameter, then {@code denominator/<parameter>}, the buffer that holds
 * {@code sqrt(G) + eps} (and u^2 before it) so that update allocates nothing; after an update
 * it holds each element's divisor, which is what a plot of per-parameter step sizes wants.
 */
public final class ScaleByAdagrad implements Optimizer {

    /** The name of this transformation's state. */
    public static final String NAME = "scale_by_adagrad";

    /** The state slot holding G, the sum of squared gradients. */
    public static final String SUM_OF_SQUARES = "sum_of_squares";

    /** The state slot holding sqrt(G) + eps after each update. */
    public static final String DENOMINATOR = "denominator";

    private final Engine engine;
    private final double epsilon;
    private final double initialAccumulator;

    /**
     * @param engine             the engine that owns the parameters' tensors
     * @param epsilon            eps, added to sqrt(G), &gt; 0
     * @param initialAccumulator the value every element of G starts at, &gt;= 0 (PyTorch's
     *                           {@code initial_accumulator_value}; optax uses 0.1)
     */
    public ScaleByAdagrad(Engine engine, double epsilon, double initialAccumulator) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.epsilon = epsilon;
        this.initialAccumulator = initialAccumulator;
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            Tensor sum = engine.zeros(p.value().dtype(), p.value().shape());
            engine.fill(sum, initialAccumulator);
            tensors.put(SUM_OF_SQUARES + "/" + p.name(), sum);
        }
        for (Parameter p : parameters) {
            tensors.put(DENOMINATOR + "/" + p.name(), engine.zeros(p.value().dtype(), p.value().shape()));
        }
        return new OptimizerState(NAME, tensors, List.of());
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        for (Parameter p : parameters) {
            Tensor u = p.gradient();
            Tensor sum = state.tensor(SUM_OF_SQUARES, p.name());
            Tensor denominator = state.tensor(DENOMINATOR, p.name());
            engine.square(u, denominator);                   // u^2
            engine.add(sum, denominator, sum);               // G = G + u^2
            engine.sqrt(sum, denominator);
            engine.addScalar(denominator, epsilon, denominator);   // sqrt(G) + eps
            engine.div(u, denominator, u);                   // u = u / (sqrt(G) + eps)
        }
    }

    @Override
    public String toString() {
        return NAME + "(" + epsilon + ", " + initialAccumulator + ")";
    }
}
