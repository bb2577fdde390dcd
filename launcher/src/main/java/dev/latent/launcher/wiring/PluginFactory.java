package dev.latent.launcher.wiring;

import dev.latent.api.data.Dataset;
import dev.latent.api.data.DatasetContext;
import dev.latent.api.data.DatasetProvider;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.EngineProvider;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossProvider;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.api.noise.Noise;
import dev.latent.api.noise.NoiseProvider;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;
import dev.latent.api.run.RunContext;
import dev.latent.api.run.RunListener;
import dev.latent.api.run.RunListenerProvider;

/**
 * Calls a provider with the configuration record the manifest bound for it. The record's type
 * is the provider's own {@code configType()} (the binder made it so), which is what makes the
 * unchecked casts here safe.
 */
@SuppressWarnings("unchecked")
final class PluginFactory {

    private PluginFactory() {
    }

    static <C extends Record> Engine engine(EngineProvider<C> p, Record config) {
        return p.create((C) config);
    }

    static <C extends Record> Dataset dataset(DatasetProvider<C> p, Record config, DatasetContext context) {
        return p.create((C) config, context);
    }

    static <C extends Record> Loss loss(LossProvider<C> p, Record config, Engine engine) {
        return p.create((C) config, engine);
    }

    static <C extends Record> Model model(ModelProvider<C> p, Record config, ModelContext context) {
        return p.create((C) config, context);
    }

    static <C extends Record> Optimizer optimizer(OptimizerProvider<C> p, Record config, OptimizerContext context) {
        return p.create((C) config, context);
    }

    static <C extends Record> RunListener listener(RunListenerProvider<C> p, Record config, RunContext context) {
        return p.create((C) config, context);
    }

    static <C extends Record> Noise noise(NoiseProvider<C> p, Record config, Engine engine) {
        return p.create((C) config, engine);
    }
}
