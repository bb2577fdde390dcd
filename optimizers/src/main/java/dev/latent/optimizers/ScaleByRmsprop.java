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
 * A gradient transformation that divides the update by the root of a running mean of squared
 * gradients (Tieleman and Hinton 2012, "Lecture 6.5 - RMSProp", COURSERA: Neural Networks for
 * Machine Learning); optax's {@code scale_by_rms}. RMSprop is this followed by
 * {@link ScaleByLearningRate}.
 *
 * <pre>
 * v = rho * v + (1 - rho) * u^2      (v starts at 0)
 * u = u / (sqrt(v) + eps)
 * </pre>
 *
 * There is no bias correction: the first steps are larger than later ones by up to
 * 1 / sqrt(1 - rho^t). With eps negligible, Adam with beta1 = 0 and beta2 = rho computes
 * this update times sqrt(1 - rho^t). As in PyTorch, eps is added after the square root.
 *
 * <p>State, named {@code scale_by_rmsprop}: tensors {@code mean_square/<parameter>} (v) for
 * every parameter, then {@code denominator/<parameter>}, the buffer that holds
 * {@code sqrt(v) + eps} (and u^2 before it) so that update allocates nothing.
 */
public final class ScaleByRmsprop implements Optimizer {

    /** The name of this transformation's state. */
    public static final String NAME = "scale_by_rmsprop";

    /** The state slot holding v, the running mean of squared gradients. */
    public static final String MEAN_SQUARE = "mean_square";

    /** The state slot holding sqrt(v) + eps after each update. */
    public static final String DENOMINATOR = "denominator";

    private final Engine engine;
    private final double rho;
    private final double epsilon;

    /**
     * @param engine  the engine that owns the parameters' tensors
     * @param rho     the decay of the running mean, in [0, 1)
     * @param epsilon eps, added to sqrt(v), &gt; 0
     */
    public ScaleByRmsprop(Engine engine, double rho, double epsilon) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String slot : List.of(MEAN_SQUARE, DENOMINATOR)) {
            for (Parameter p : parameters) {
                tensors.put(slot + "/" + p.name(), engine.zeros(p.value().dtype(), p.value().shape()));
            }
        }
        return new OptimizerState(NAME, tensors, List.of());
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        for (Parameter p : parameters) {
            Tensor u = p.gradient();
            Tensor meanSquare = state.tensor(MEAN_SQUARE, p.name());
            Tensor denominator = state.tensor(DENOMINATOR, p.name());
            engine.square(u, denominator);                       // u^2
            engine.scale(meanSquare, rho, meanSquare);           // v = rho * v
            engine.axpy(1 - rho, denominator, meanSquare);       //     + (1 - rho) * u^2
            engine.sqrt(meanSquare, denominator);
            engine.addScalar(denominator, epsilon, denominator); // sqrt(v) + eps
            engine.div(u, denominator, u);                       // u = u / (sqrt(v) + eps)
        }
    }

    @Override
    public String toString() {
        return NAME + "(" + rho + ", " + epsilon + ")";
    }
}
