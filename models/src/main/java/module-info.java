/** Latent's layers, losses and autoencoder models, provided as plugins. */
module dev.latent.models {
    requires transitive dev.latent.api;

    exports dev.latent.models.layer;
    exports dev.latent.models.loss;
    exports dev.latent.models.ae;

    provides dev.latent.api.model.ModelProvider with dev.latent.models.ae.AutoencoderProvider;
    provides dev.latent.api.model.LossProvider with
            dev.latent.models.loss.MseLossProvider,
            dev.latent.models.loss.BceLossProvider;
}
