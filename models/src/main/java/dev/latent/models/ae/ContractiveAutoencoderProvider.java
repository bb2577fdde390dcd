package dev.latent.models.ae;

import dev.latent.api.engine.Activation;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * Provides the contractive autoencoder (Rifai et al. 2011) as {@code cae}: the dense
 * {@link Autoencoder} input -> code -> input with one sigmoid or tanh layer as the encoder
 * ({@code encoder.0}) and a {@link ContractivePenalty} on its Jacobian.
 */
public final class ContractiveAutoencoderProvider implements ModelProvider<ContractiveAutoencoderConfig> {

    @Override
    public String name() {
        return "cae";
    }

    @Override
    public String description() {
        return "contractive autoencoder: one sigmoid or tanh encoder layer whose Jacobian's squared Frobenius "
                + "norm is penalised (Rifai et al. 2011)";
    }

    @Override
    public Class<ContractiveAutoencoderConfig> configType() {
        return ContractiveAutoencoderConfig.class;
    }

    @Override
    public Model create(ContractiveAutoencoderConfig config, ModelContext context) {
        AutoencoderProvider.Networks n = AutoencoderProvider.networks(List.of(), config.code(),
                config.activation(), config.activation(), config.outputActivation(), context);
        // The encoder is Linear + activation: its first parameter is the weight W, encoder.0.weight.
        Parameter weight = n.encoder().parameters().get(0);
        CodePenalty penalty = new ContractivePenalty(context.engine(), context.dtype(), weight,
                Activation.byId(config.activation()), config.lambda());
        return new Autoencoder(context.engine(), context.dtype(), n.encoder(), n.decoder(), context.loss(),
                context.inputSize(), penalty, config.weightDecay());
    }
}
