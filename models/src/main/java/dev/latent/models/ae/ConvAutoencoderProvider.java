package dev.latent.models.ae;

import dev.latent.api.engine.Activation;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.models.layer.Layer;
import dev.latent.models.layer.Linear;
import dev.latent.models.layer.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * Provides the convolutional autoencoder (Masci et al. 2011) as {@code conv-ae}: DESIGN.md's
 * reference conv AE by default, on samples of shape {@code [C, H, W]} (given as rows of
 * {@code C*H*W} values, NCHW).
 *
 * <p>Encoder ({@code encoder.i}, i the index in the encoder's {@link Sequential}): for each
 * entry of {@code channels}, Conv2d(kernel, stride, padding), ReLU, Dropout; then (the feature
 * maps flattened, which needs no layer: image layers take and give rank-2 rows)
 * Linear(C*H*W -> hidden), ReLU, Dropout, Linear(hidden -> code). With the defaults on MNIST:
 * 1x28x28 -> 8x14x14 -> 16x7x7 -> 32x3x3 = 288 -> 64 -> 33.
 *
 * <p>Decoder ({@code decoder.i}): Linear(code -> hidden), ReLU, Linear(hidden -> C*H*W), ReLU,
 * then the transposed convolutions in reverse order with the same kernel, stride and padding,
 * ReLU between them and the output activation after the last, their output paddings restoring
 * every size exactly (3x3 -> 7x7 -> 14x14 -> 28x28 by default). The trunk and the decoder are
 * {@link ConvNetworks}', shared with {@code conv-vae}.
 *
 * <p>{@link Model#accumulateCurvature} works as for the dense autoencoder: the convolution
 * layers have a Gauss-Newton curvature backward (Becker and LeCun's weight-shared sums of
 * x^2 h_y), so optimizers that need the diagonal Hessian can train this model.
 */
public final class ConvAutoencoderProvider implements ModelProvider<ConvAutoencoderConfig> {

    @Override
    public String name() {
        return "conv-ae";
    }

    @Override
    public String description() {
        return "convolutional autoencoder (Masci et al. 2011)";
    }

    @Override
    public Class<ConvAutoencoderConfig> configType() {
        return ConvAutoencoderConfig.class;
    }

    @Override
    public Model create(ConvAutoencoderConfig config, ModelContext context) {
        Activation output = AutoencoderProvider.outputActivation(config.outputActivation(), context);
        ConvNetworks networks = ConvNetworks.plan(name(), config.channels(), config.kernel(), config.strides(),
                config.paddings(), config.hidden(), config.dropout(), config.batchNorm(), output, context);
        List<Layer> enc = new ArrayList<>(networks.trunk());
        enc.add(new Linear("encoder." + enc.size(), config.hidden(), config.code(), context.engine(), context.dtype(),
                networks.init()));
        return new Autoencoder(context.engine(), context.dtype(), new Sequential(enc), networks.decoder(config.code()),
                context.loss(), context.inputSize(), null, config.weightDecay());
    }
}
