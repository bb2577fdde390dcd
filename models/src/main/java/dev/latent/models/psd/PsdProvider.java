package dev.latent.models.psd;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.Activation;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.models.layer.ActivationLayer;
import dev.latent.models.layer.Diag;
import dev.latent.models.layer.Linear;
import dev.latent.models.layer.Sequential;
import java.util.List;

/**
 * Provides the linear {@link PredictiveSparseDecomposition} as {@code psd}: the encoder
 * z~ = g * tanh(y W + b) (Linear, tanh, a per-code {@link Diag} gain, as the unsup tutorial's
 * {@code nn.Linear}, {@code nn.Tanh}, {@code nn.Diag}) and a dense {@link LinearDictionary}.
 * The encoder's filters are the columns of W, the dictionary's atoms the columns of D, both
 * shown at the sample's shape.
 */
public final class PsdProvider implements ModelProvider<PsdConfig> {

    @Override
    public String name() {
        return "psd";
    }

    @Override
    public String description() {
        return "predictive sparse decomposition: a dictionary learned by FISTA sparse coding and a tanh encoder "
                + "trained to predict the codes (Kavukcuoglu, Ranzato and LeCun 2008)";
    }

    @Override
    public Class<PsdConfig> configType() {
        return PsdConfig.class;
    }

    @Override
    public Model create(PsdConfig config, ModelContext context) {
        requireSquaredError(context);
        int n = context.inputSize();
        int k = config.code();
        RandomStream random = context.engine().random(context.seed());
        Linear linear = new Linear("encoder.0", n, k, context.engine(), context.dtype(), random);
        Sequential encoder = new Sequential(List.of(linear,
                new ActivationLayer(Activation.TANH, context.engine(), context.dtype(), k),
                new Diag("encoder.2", k, context.engine(), context.dtype())));
        LinearDictionary dictionary = new LinearDictionary("dictionary", context.inputShape(), k, context.engine(),
                context.dtype(), random);
        int[] image = FilterImages.imageSize(context.inputShape());
        return new PredictiveSparseDecomposition(context.engine(), context.dtype(), encoder, dictionary, n,
                config.lambda(), config.alpha(), config.fista().maxIterations(), config.fista().tolerance(), random,
                () -> FilterImages.columns("encoder", linear.weight().value().toDoubleArray(), k, image[0], image[1]));
    }

    /**
     * PSD's reconstruction term is the squared error of the sparse-coding energy, which FISTA
     * minimises; a manifest choosing another loss is told so (shared with {@code conv-psd}).
     */
    static void requireSquaredError(ModelContext context) {
        if (!"mse".equals(context.loss().name())) {
            throw new ConfigException("loss", "must be mse for a PSD model, whose reconstruction term is the squared "
                    + "error of its sparse-coding energy; found " + context.loss().name());
        }
    }
}
