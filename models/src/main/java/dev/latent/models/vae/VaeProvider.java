package dev.latent.models.vae;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.models.ae.AutoencoderProvider;
import dev.latent.models.layer.Layer;
import dev.latent.models.layer.Linear;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Provides the dense variational autoencoder as {@code vae}: trunk {@code encoder.i} (Linear and
 * activation per hidden size), heads {@code mu} and {@code logvar}, decoder {@code decoder.i}
 * mirroring the trunk, the output activation last. Parameters are initialised from the context
 * seed; the sampling noise comes from a second stream of the same seed.
 */
public final class VaeProvider implements ModelProvider<VaeConfig> {

    /** Separates the sampling stream from the initialisation stream of the same seed. */
    static final long SAMPLING_SALT = 0x56414553414D50L;

    @Override
    public String name() {
        return "vae";
    }

    @Override
    public String description() {
        return "dense variational autoencoder (Kingma and Welling 2014)";
    }

    @Override
    public Class<VaeConfig> configType() {
        return VaeConfig.class;
    }

    @Override
    public Model create(VaeConfig config, ModelContext context) {
        Activation output = AutoencoderProvider.outputActivation(config.outputActivation(), context);
        Activation hidden = Activation.byId(config.activation());
        Engine engine = context.engine();
        RandomStream init = engine.random(context.seed());
        List<Integer> sizes = new ArrayList<>();
        sizes.add(context.inputSize());
        sizes.addAll(config.hidden());
        Layer trunk = AutoencoderProvider.dense("encoder", sizes, hidden, hidden, context, init);
        int last = config.hidden().get(config.hidden().size() - 1);
        Linear mu = new Linear("mu", last, config.latent(), engine, context.dtype(), init);
        Linear logVar = new Linear("logvar", last, config.latent(), engine, context.dtype(), init);
        List<Integer> mirrored = new ArrayList<>(sizes);
        mirrored.add(config.latent());
        Collections.reverse(mirrored);
        Layer decoder = AutoencoderProvider.dense("decoder", mirrored, hidden, output, context, init);
        return new VariationalAutoencoder(engine, context.dtype(), trunk, mu, logVar, decoder, context.loss(),
                context.inputSize(), config.beta(), engine.random(context.seed() ^ SAMPLING_SALT));
    }
}
