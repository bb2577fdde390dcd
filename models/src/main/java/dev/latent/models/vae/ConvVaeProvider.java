package dev.latent.models.vae;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.models.ae.AutoencoderProvider;
import dev.latent.models.ae.ConvNetworks;
import dev.latent.models.layer.Linear;
import dev.latent.models.layer.Sequential;

/**
 * Provides the convolutional variational autoencoder as {@code conv-vae}: DESIGN.md's reference
 * conv VAE, the conv AE's trunk ({@code encoder.i}) with two heads {@code mu} and
 * {@code logvar}, Linear(hidden -> latent) each, and the conv AE's decoder ({@code decoder.i})
 * from the latent code (see {@link ConvNetworks}).
 */
public final class ConvVaeProvider implements ModelProvider<ConvVaeConfig> {

    @Override
    public String name() {
        return "conv-vae";
    }

    @Override
    public String description() {
        return "convolutional variational autoencoder (Kingma and Welling 2014)";
    }

    @Override
    public Class<ConvVaeConfig> configType() {
        return ConvVaeConfig.class;
    }

    @Override
    public Model create(ConvVaeConfig config, ModelContext context) {
        Activation output = AutoencoderProvider.outputActivation(config.outputActivation(), context);
        ConvNetworks networks = ConvNetworks.plan(name(), config.channels(), config.kernel(), config.strides(),
                config.paddings(), config.hidden(), config.dropout(), config.batchNorm(), output, context);
        Engine engine = context.engine();
        Sequential trunk = new Sequential(networks.trunk());
        Linear mu = new Linear("mu", config.hidden(), config.latent(), engine, context.dtype(), networks.init());
        Linear logVar = new Linear("logvar", config.hidden(), config.latent(), engine, context.dtype(), networks.init());
        return new VariationalAutoencoder(engine, context.dtype(), trunk, mu, logVar, networks.decoder(config.latent()),
                context.loss(), context.inputSize(), config.beta(),
                engine.random(context.seed() ^ VaeProvider.SAMPLING_SALT));
    }
}
