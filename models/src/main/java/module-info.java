/** Latent's layers, losses and autoencoder models, provided as plugins. */
module dev.latent.models {
    requires transitive dev.latent.api;

    exports dev.latent.models.layer;
    exports dev.latent.models.loss;
    exports dev.latent.models.ae;
    exports dev.latent.models.noise;
    exports dev.latent.models.vae;
    exports dev.latent.models.psd;
    exports dev.latent.models.classifier;

    provides dev.latent.api.model.ModelProvider with
            dev.latent.models.ae.AutoencoderProvider,
            dev.latent.models.ae.DenoisingAutoencoderProvider,
            dev.latent.models.ae.SparseAutoencoderProvider,
            dev.latent.models.ae.ConvAutoencoderProvider,
            dev.latent.models.ae.ContractiveAutoencoderProvider,
            dev.latent.models.ae.StackedAutoencoderProvider,
            dev.latent.models.vae.VaeProvider,
            dev.latent.models.vae.ConvVaeProvider,
            dev.latent.models.psd.PsdProvider,
            dev.latent.models.psd.ConvPsdProvider,
            dev.latent.models.classifier.ClassifierProvider;
    provides dev.latent.api.model.LossProvider with
            dev.latent.models.loss.MseLossProvider,
            dev.latent.models.loss.BceLossProvider,
            dev.latent.models.loss.SoftmaxCrossEntropyProvider;
    provides dev.latent.api.noise.NoiseProvider with
            dev.latent.models.noise.GaussianNoiseProvider,
            dev.latent.models.noise.SpeckleNoiseProvider,
            dev.latent.models.noise.SaltAndPepperNoiseProvider,
            dev.latent.models.noise.MaskingNoiseProvider;
}
