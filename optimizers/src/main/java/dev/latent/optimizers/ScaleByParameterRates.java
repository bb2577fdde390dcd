package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A gradient transformation that multiplies each element of the update by its own learning
 * rate, {@code u = u * r}. The rates come from one of two sources:
 *
 * <ul>
 *   <li>{@link #given}: fixed tensors, one per parameter, copied into the state at init;</li>
 *   <li>{@link #fromCurvature}: the diagonal-Hessian estimate h in {@link Parameter#curvature()},
 *       read at every update, as in LeCun's stochastic diagonal Levenberg-Marquardt method
 *       (LeCun, Bottou, Orr and Müller 1998, "Efficient BackProp", section 9.1) and the
 *       second-order step of Torch's predictive sparse decomposition tutorial:
 *       <pre>
 *       r_i = 1 / clamp(h_ii, min, max)
 *       u_i = u_i * r_i
 *       </pre>
 *       The lower bound plays the role of LeCun's mu, keeping the rate finite where the
 *       curvature is near zero; the upper bound keeps it from vanishing. Followed by
 *       {@link ScaleByLearningRate} the step is {@code -lr / clamp(h_ii, min, max) * g_i}.</li>
 * </ul>
 *
 * <p>This transformation does not estimate h: a model accumulates the Gauss-Newton estimate
 * into {@link Parameter#curvature()} ({@code Model.accumulateCurvature}), and the trainer
 * re-estimates it every N samples when the optimizer is a {@link WithCurvatureEstimates} (an
 * optimizer's {@code curvature} section, {@link CurvatureConfig}); this link uses the curvature
 * as it is at each update.
 *
 * <p>State, named {@code scale_by_parameter_rates}: with given rates, tensors
 * {@code rate/<parameter>}; from the curvature, tensors {@code clamped_curvature/<parameter>},
 * which hold clamp(h, min, max) (the reciprocal of each rate) after each update, so that update
 * allocates nothing.
 */
public final class ScaleByParameterRates implements Optimizer {

    /** The name of this transformation's state. */
    public static final String NAME = "scale_by_parameter_rates";

    /** The state slot holding fixed rates r. */
    public static final String RATE = "rate";

    /** The state slot holding clamp(h, min, max), the reciprocal of the rates from the curvature. */
    public static final String CLAMPED_CURVATURE = "clamped_curvature";

    private final Engine engine;
    private final Map<String, Tensor> givenRates;
    private final double minCurvature;
    private final double maxCurvature;

    private ScaleByParameterRates(Engine engine, Map<String, Tensor> givenRates, double minCurvature,
                                  double maxCurvature) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.givenRates = givenRates;
        this.minCurvature = minCurvature;
        this.maxCurvature = maxCurvature;
    }

    /**
     * {@return the transformation {@code u = u * r} with fixed rates}
     *
     * @param rates the rate tensor of each parameter, by parameter name, of the parameter's
     *              shape; copied at init, so the caller may close them afterwards
     */
    public static ScaleByParameterRates given(Engine engine, Map<String, Tensor> rates) {
        return new ScaleByParameterRates(engine, Map.copyOf(rates), Double.NaN, Double.NaN);
    }

    /**
     * {@return the transformation {@code u_i = u_i / clamp(h_ii, min, max)} over the curvature}
     *
     * @param minCurvature the smallest curvature used, &gt; 0; the largest rate is its reciprocal
     * @param maxCurvature the largest curvature used, &gt;= minCurvature
     */
    public static ScaleByParameterRates fromCurvature(Engine engine, double minCurvature, double maxCurvature) {
        if (!(minCurvature > 0 && maxCurvature >= minCurvature)) {
            throw new IllegalArgumentException("need 0 < minCurvature <= maxCurvature, found "
                    + minCurvature + " and " + maxCurvature);
        }
        return new ScaleByParameterRates(engine, null, minCurvature, maxCurvature);
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            Tensor source = givenRates == null ? p.curvature() : givenRates.get(p.name());
            if (source == null || !Arrays.equals(source.shape(), p.value().shape())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' of shape "
                        + Tensor.describe(p.value().shape()) + " has " + (source == null ? "no " : "a ")
                        + (givenRates == null ? "curvature" : "rate")
                        + (source == null ? "" : " of shape " + Tensor.describe(source.shape()))
                        + (givenRates == null ? "" : "; rates were given for " + givenRates.keySet()));
            }
            Tensor t = engine.zeros(p.value().dtype(), p.value().shape());
            if (givenRates != null) {
                engine.copy(source, t);
            }
            tensors.put((givenRates == null ? CLAMPED_CURVATURE : RATE) + "/" + p.name(), t);
        }
        return new OptimizerState(NAME, tensors, List.of());
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        for (Parameter p : parameters) {
            if (givenRates != null) {
                engine.mul(p.gradient(), state.tensor(RATE, p.name()), p.gradient());   // u = u * r
            } else {
                Tensor clamped = state.tensor(CLAMPED_CURVATURE, p.name());
                engine.clip(p.curvature(), minCurvature, maxCurvature, clamped);
                engine.div(p.gradient(), clamped, p.gradient());   // u = u * r, r = 1 / clamp(h)
            }
        }
    }

    @Override
    public String toString() {
        return NAME + (givenRates == null ? "(curvature in [" + minCurvature + ", " + maxCurvature + "])"
                : "(given " + givenRates.keySet() + ")");
    }
}
