package dev.latent.models.ae;

import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;

/**
 * Provides the denoising autoencoder (Vincent et al. 2008) as {@code dae}: the dense
 * autoencoder of {@code ae}, with its keys, trained on corrupted inputs against the clean
 * targets. Any model denoises when the manifest has a {@code noise} section; choosing
 * {@code dae} makes that section required, so a manifest that forgets it fails before
 * training instead of silently training a plain autoencoder. The run's metrics then report
 * the noisy-to-clean and clean-to-clean test losses and the noisy input's own MSE.
 */
public final class DenoisingAutoencoderProvider implements ModelProvider<AutoencoderConfig> {

    private final AutoencoderProvider dense = new AutoencoderProvider();

    @Override
    public String name() {
        return "dae";
    }

    @Override
    public String description() {
        return "denoising dense autoencoder, needs a noise section (Vincent et al. 2008)";
    }

    @Override
    public Class<AutoencoderConfig> configType() {
        return AutoencoderConfig.class;
    }

    @Override
    public Model create(AutoencoderConfig config, ModelContext context) {
        return dense.create(config, context);
    }

    @Override
    public boolean needsNoise() {
        return true;
    }
}
