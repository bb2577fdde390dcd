package dev.latent.models.ae;

import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;

/** Provides the sparse autoencoder, a dense {@link Autoencoder} with a sparsity penalty on its code, as {@code sparse-ae}. */
public final class SparseAutoencoderProvider implements ModelProvider<SparseAutoencoderConfig> {

    @Override
    public String name() {
        return "sparse-ae";
    }

    @Override
    public String description() {
        return "dense autoencoder with a sparsity penalty on its (possibly overcomplete) code: KL to a target "
                + "activation (Ng 2011, CS294A \"Sparse autoencoder\" notes) or L1 (as in Lee et al. 2008)";
    }

    @Override
    public Class<SparseAutoencoderConfig> configType() {
        return SparseAutoencoderConfig.class;
    }

    @Override
    public Model create(SparseAutoencoderConfig config, ModelContext context) {
        AutoencoderProvider.Networks n = AutoencoderProvider.networks(config.hidden(), config.code(),
                config.activation(), config.codeActivation(), config.outputActivation(), context);
        CodePenalty penalty = switch (config.sparsity()) {
            case "l1" -> new L1Sparsity(context.engine(), context.dtype(), config.code(), config.weight());
            case "kl" -> new KlSparsity(context.engine(), context.dtype(), config.code(), config.weight(),
                    config.target());
            default -> throw new IllegalStateException("unchecked sparsity " + config.sparsity());
        };
        return new Autoencoder(context.engine(), context.dtype(), n.encoder(), n.decoder(), context.loss(),
                context.inputSize(), penalty, config.weightDecay());
    }
}
