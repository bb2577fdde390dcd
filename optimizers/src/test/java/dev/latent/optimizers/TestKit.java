package dev.latent.optimizers;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;
import dev.latent.api.optim.OptimizerState;
import dev.latent.engine.cpu.CpuEngineConfig;
import dev.latent.engine.cpu.CpuEngineProvider;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** What the optimizer tests share: the CPU engine in float64, parameters, and a trainer's step. */
final class TestKit {

    static final DType DTYPE = DType.FLOAT64;

    private TestKit() {
    }

    /** The real CPU engine with one thread; the calling test is skipped where it cannot run. */
    static Engine openEngine() {
        CpuEngineProvider provider = new CpuEngineProvider();
        Assumptions.assumeTrue(provider.availability().available(), () -> provider.availability().toString());
        return provider.create(new CpuEngineConfig(1));
    }

    /** A rank-1 float64 parameter holding {@code values}, with zero gradient and curvature. */
    static Parameter parameter(Engine engine, String name, double... values) {
        return new Parameter(name, engine.fromArray(values, DTYPE, values.length),
                engine.zeros(DTYPE, values.length), engine.zeros(DTYPE, values.length));
    }

    /** Builds a provider's optimizer, for a run of 1000 updates, from a config of its type. */
    static <C extends Record> Optimizer create(OptimizerProvider<C> provider, Record config, Engine engine) {
        return create(provider, config, engine, 1000);
    }

    /** Builds a provider's optimizer, for a run of {@code totalSteps} updates, from a config of its type. */
    static <C extends Record> Optimizer create(OptimizerProvider<C> provider, Record config, Engine engine,
                                               long totalSteps) {
        return provider.create(provider.configType().cast(config), new OptimizerContext(engine, totalSteps));
    }

    /**
     * One training step as the trainer does it: sets the gradient of the single parameter,
     * lets the optimizer turn it into the update, then adds the update to the value.
     *
     * @return the update
     */
    static double[] step(Engine engine, Optimizer optimizer, OptimizerState state, Parameter p,
                         long step, double... gradient) {
        engine.assign(p.gradient(), gradient);
        optimizer.update(List.of(p), state, step);
        double[] update = p.gradient().toDoubleArray();
        engine.axpy(1.0, p.gradient(), p.value());
        return update;
    }

    /** Applies every parameter's update (its rewritten gradient) to its value. */
    static void apply(Engine engine, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            engine.axpy(1.0, p.gradient(), p.value());
        }
    }
}
