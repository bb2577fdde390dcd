package dev.latent.models.psd;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.Activation;
import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.models.layer.ActivationLayer;
import dev.latent.models.layer.ChannelGain;
import dev.latent.models.layer.Conv2d;
import dev.latent.models.layer.Sequential;
import java.util.List;

/**
 * Provides the convolutional {@link PredictiveSparseDecomposition} as {@code conv-psd}, after
 * unsup's convolutional PSD: the encoder is a convolution with K filters of k x k (stride 1, no
 * padding), tanh, and a per-map {@link ChannelGain}; the decoder a {@link ConvDictionary} whose
 * K atoms reconstruct the patch from the K code maps. The samples must be images
 * {@code [C, H, W]} (or {@code [H, W]}); the code maps are (H - k + 1) x (W - k + 1).
 */
public final class ConvPsdProvider implements ModelProvider<ConvPsdConfig> {

    @Override
    public String name() {
        return "conv-psd";
    }

    @Override
    public String description() {
        return "convolutional predictive sparse decomposition: a convolutional dictionary learned by FISTA over "
                + "code maps and a convolutional tanh encoder trained to predict them (Kavukcuoglu et al. 2010)";
    }

    @Override
    public Class<ConvPsdConfig> configType() {
        return ConvPsdConfig.class;
    }

    @Override
    public Model create(ConvPsdConfig config, ModelContext context) {
        PsdProvider.requireSquaredError(context);
        int[] shape = context.inputShape();
        if (shape.length != 2 && shape.length != 3) {
            throw new ConfigException("kernel", "needs image samples [C, H, W] or [H, W] for conv-psd, but the "
                    + "dataset's samples are " + Tensor.describe(shape));
        }
        int c = shape.length == 3 ? shape[0] : 1;
        int h = shape[shape.length - 2];
        int w = shape[shape.length - 1];
        int k = config.kernel();
        if (k > h || k > w) {
            throw new ConfigException("kernel", "must be at most the sample's height and width (" + h + "x" + w
                    + "), found " + k);
        }
        int filters = config.code();
        RandomStream random = context.engine().random(context.seed());
        Conv2d conv = new Conv2d("encoder.0", c, filters, h, w, ConvGeometry.of(k, 1, 0), context.engine(),
                context.dtype(), random);
        Sequential encoder = new Sequential(List.of(conv,
                new ActivationLayer(Activation.TANH, context.engine(), context.dtype(), conv.outputSize()),
                new ChannelGain("encoder.2", filters, conv.outputHeight(), conv.outputWidth(), context.engine(),
                        context.dtype())));
        ConvDictionary dictionary = new ConvDictionary("dictionary", c, h, w, filters, k, context.engine(),
                context.dtype(), random);
        return new PredictiveSparseDecomposition(context.engine(), context.dtype(), encoder, dictionary,
                context.inputSize(), config.lambda(), config.alpha(), config.fista().maxIterations(),
                config.fista().tolerance(), random,
                () -> FilterImages.rows("encoder", conv.weight().value().toDoubleArray(), filters, c * k, k));
    }
}
