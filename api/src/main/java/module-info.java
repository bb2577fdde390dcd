/**
 * Latent's engine-neutral API: tensors and engines, and the service-provider interfaces for
 * models, losses, optimizers, noise processes and datasets. Depends on nothing but the JDK.
 */
module dev.latent.api {
    exports dev.latent.api.config;
    exports dev.latent.api.data;
    exports dev.latent.api.engine;
    exports dev.latent.api.model;
    exports dev.latent.api.noise;
    exports dev.latent.api.optim;
    exports dev.latent.api.plugin;
    exports dev.latent.api.run;

    uses dev.latent.api.engine.EngineProvider;
    uses dev.latent.api.model.ModelProvider;
    uses dev.latent.api.model.LossProvider;
    uses dev.latent.api.optim.OptimizerProvider;
    uses dev.latent.api.noise.NoiseProvider;
    uses dev.latent.api.data.DatasetProvider;
    uses dev.latent.api.run.RunListenerProvider;
}
