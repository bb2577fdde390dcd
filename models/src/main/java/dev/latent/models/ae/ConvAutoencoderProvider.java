package dev.latent.models.ae;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.Activation;
import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.models.layer.ActivationLayer;
import dev.latent.models.layer.Conv2d;
import dev.latent.models.layer.ConvTranspose2d;
import dev.latent.models.layer.Dropout;
import dev.latent.models.layer.Layer;
import dev.latent.models.layer.Linear;
import dev.latent.models.layer.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
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
 * ReLU between them and the output activation after the last. The output padding of each is
 * computed from the encoder's sizes, {@code inH - ((outH - 1) s - 2p + k)} (and widths alike),
 * so that every size mirrors the encoder's exactly (3x3 -> 7x7 -> 14x14 -> 28x28 by default);
 * it is always in [0, stride).
 *
 * <p>The dropout layers are present (as the identity) even at rate 0, so parameter names do not
 * depend on the rate; their masks come from a stream seeded from the context seed, apart from
 * the one that initialises the parameters.
 *
 * <p>{@link Model#accumulateCurvature} throws {@link UnsupportedOperationException}: the
 * convolution layers have no Gauss-Newton curvature backward yet, so optimizers that need the
 * diagonal Hessian cannot train this model.
 */
public final class ConvAutoencoderProvider implements ModelProvider<ConvAutoencoderConfig> {

    /** Separates the dropout masks' stream from the initialisation stream of the same seed. */
    private static final long DROPOUT_SALT = 0x44524F504F5554L;

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
        int[] shape = context.inputShape();
        if (shape.length != 3 || shape[0] <= 0 || shape[1] <= 0 || shape[2] <= 0) {
            throw new ConfigException("name", "'conv-ae' needs image samples of shape [channels, height, width];"
                    + " the dataset gives samples of shape " + Arrays.toString(shape));
        }
        Activation output = AutoencoderProvider.outputActivation(config.outputActivation(), context);
        Engine engine = context.engine();
        DType dtype = context.dtype();
        int n = config.channels().size();
        int k = config.kernel();
        // c[i], h[i], w[i]: the image entering convolution i; index n is the last feature map.
        int[] c = new int[n + 1];
        int[] h = new int[n + 1];
        int[] w = new int[n + 1];
        ConvGeometry[] down = new ConvGeometry[n];
        c[0] = shape[0];
        h[0] = shape[1];
        w[0] = shape[2];
        for (int i = 0; i < n; i++) {
            down[i] = ConvGeometry.of(k, config.strides().get(i), config.paddings().get(i));
            c[i + 1] = config.channels().get(i);
            h[i + 1] = down[i].outputHeight(h[i]);
            w[i + 1] = down[i].outputWidth(w[i]);
            if (h[i + 1] <= 0 || w[i + 1] <= 0) {
                throw new ConfigException("channels", "convolution " + i + " (" + down[i] + ") does not fit its "
                        + c[i] + "x" + h[i] + "x" + w[i] + " input (the samples are " + c[0] + "x" + h[0] + "x"
                        + w[0] + "); use fewer convolutions, smaller strides or kernel, or more padding");
            }
        }
        int flat = c[n] * h[n] * w[n];
        RandomStream init = engine.random(context.seed());
        RandomStream masks = engine.random(context.seed() ^ DROPOUT_SALT);

        List<Layer> enc = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            enc.add(new Conv2d("encoder." + enc.size(), c[i], c[i + 1], h[i], w[i], down[i], engine, dtype, init));
            int size = c[i + 1] * h[i + 1] * w[i + 1];
            enc.add(new ActivationLayer(Activation.RELU, engine, dtype, size));
            enc.add(new Dropout(config.dropout(), size, engine, dtype, masks));
        }
        enc.add(new Linear("encoder." + enc.size(), flat, config.hidden(), engine, dtype, init));
        enc.add(new ActivationLayer(Activation.RELU, engine, dtype, config.hidden()));
        enc.add(new Dropout(config.dropout(), config.hidden(), engine, dtype, masks));
        enc.add(new Linear("encoder." + enc.size(), config.hidden(), config.code(), engine, dtype, init));

        List<Layer> dec = new ArrayList<>();
        dec.add(new Linear("decoder." + dec.size(), config.code(), config.hidden(), engine, dtype, init));
        dec.add(new ActivationLayer(Activation.RELU, engine, dtype, config.hidden()));
        dec.add(new Linear("decoder." + dec.size(), config.hidden(), flat, engine, dtype, init));
        dec.add(new ActivationLayer(Activation.RELU, engine, dtype, flat));
        for (int i = n - 1; i >= 0; i--) {
            ConvGeometry up = mirror(down[i], h[i], w[i], h[i + 1], w[i + 1]);
            dec.add(new ConvTranspose2d("decoder." + dec.size(), c[i + 1], c[i], h[i + 1], w[i + 1], up,
                    engine, dtype, init));
            Activation f = i > 0 ? Activation.RELU : output;
            if (f != Activation.IDENTITY) {
                dec.add(new ActivationLayer(f, engine, dtype, c[i] * h[i] * w[i]));
            }
        }
        return new Autoencoder(engine, dtype, new Sequential(enc), new Sequential(dec), context.loss(),
                context.inputSize());
    }

    /**
     * The transposed geometry that maps the output of {@code g} (outH x outW) back to its input
     * size inH x inW: the same kernel, stride and padding, with output padding
     * {@code inH - ((outH - 1) s - 2p + k)} (widths alike).
     */
    static ConvGeometry mirror(ConvGeometry g, int inH, int inW, int outH, int outW) {
        int padH = inH - g.transposedOutputHeight(outH) + g.outputPadH();
        int padW = inW - g.transposedOutputWidth(outW) + g.outputPadW();
        return new ConvGeometry(g.kH(), g.kW(), g.strideH(), g.strideW(), g.padH(), g.padW(), padH, padW);
    }
}
