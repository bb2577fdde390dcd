package dev.latent.launcher.train;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.api.noise.Noise;
import dev.latent.api.optim.LineSearchOptimizer;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One optimisation step on a batch: (corrupt the input,) forward, loss, backward, the
 * optimizer's update, and value += update, inside an engine scope so that any temporaries come
 * from a reused workspace. Shared by training and the benchmark, so that the benchmark times
 * exactly what training runs.
 */
public final class TrainingStep implements AutoCloseable {

    private final Engine engine;
    private final Model model;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    private final OptimizerState state;
    private final Optional<Noise> noise;
    private final RandomStream noiseRandom;
    private final Map<Integer, Tensor> noisy = new HashMap<>();
    private long step;

    public TrainingStep(Engine engine, Model model, Optimizer optimizer, Optional<Noise> noise, long seed) {
        this.engine = engine;
        this.model = model;
        this.optimizer = optimizer;
        this.parameters = model.parameters();
        this.state = optimizer.init(parameters);
        this.noise = noise;
        this.noiseRandom = engine.random(seed ^ 0x5DEECE66DL);
    }

    /** Trains on one batch whose target is the batch itself (or its clean version, with noise). */
    public LossReport run(Tensor batch) {
        try (Scope ignored = engine.scope()) {
            Tensor input = batch;
            if (noise.isPresent()) {
                input = noisy.computeIfAbsent(batch.rows(), r -> engine.zeros(batch.dtype(), batch.shape()));
                noise.get().apply(batch, input, noiseRandom);
            }
            LossReport report = model.trainStep(input, batch);
            if (optimizer instanceof LineSearchOptimizer search) {
                Tensor in = input;
                search.update(parameters, state, ++step, report.total(), () -> model.trainStep(in, batch).total());
            } else {
                optimizer.update(parameters, state, ++step);
            }
            for (Parameter p : parameters) {
                engine.add(p.value(), p.gradient(), p.value());
            }
            return report;
        }
    }

    /** The number of steps run so far. */
    public long steps() {
        return step;
    }

    public OptimizerState state() {
        return state;
    }

    @Override
    public void close() {
        noisy.values().forEach(Tensor::close);
    }
}
