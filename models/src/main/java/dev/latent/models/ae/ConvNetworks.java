package dev.latent.models.ae;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.Activation;
import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.model.ModelContext;
import dev.latent.models.layer.ActivationLayer;
import dev.latent.models.layer.BatchNorm;
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
 * The convolutional networks of DESIGN.md's reference conv AE and conv VAE, shared by
 * {@code conv-ae} and {@code conv-vae}: the trunk (strided convolutions with ReLU and dropout,
 * flatten, Linear to the hidden size, ReLU, dropout) and the mirrored decoder (Linear from the
 * code to the hidden size, ReLU, Linear to the flattened feature maps, ReLU, transposed
 * convolutions back to the input size, ReLU between them and the output activation last).
 *
 * <p>Flattening needs no layer: image layers take and give rank-2 rows. The output padding of
 * each transposed convolution is computed from the encoder's sizes,
 * {@code inH - ((outH - 1) s - 2p + k)} (widths alike), so that every size mirrors the
 * encoder's exactly; it is always in [0, stride). Parameters come from a stream of the context
 * seed; the dropout masks from a second stream of the same seed.
 *
 * <p>With {@code batchNorm}, a {@link BatchNorm} (per channel, as PyTorch's {@code BatchNorm2d})
 * goes between a convolution and its ReLU where the PyTorch tutorial this architecture comes
 * from puts one: after every inner convolution of the encoder (not the first, not the last: the
 * second of the default three) and after every transposed convolution but the output one. It is
 * off by default, as in DESIGN.md's reference; docs/architecture.md says why the conv DAE
 * profile turns it on.
 */
public final class ConvNetworks {

    /** Separates the dropout masks' stream from the initialisation stream of the same seed. */
    private static final long DROPOUT_SALT = 0x44524F504F5554L;

    private final Engine engine;
    private final DType dtype;
    private final int hidden;
    private final double dropout;
    private final boolean batchNorm;
    private final Activation output;
    private final ConvGeometry[] down;
    /** c[i], h[i], w[i]: the image entering convolution i; index n is the last feature map. */
    private final int[] c;
    private final int[] h;
    private final int[] w;
    private final RandomStream init;
    private final RandomStream masks;

    private ConvNetworks(Engine engine, DType dtype, int hidden, double dropout, boolean batchNorm, Activation output,
                         ConvGeometry[] down, int[] c, int[] h, int[] w, long seed) {
        this.engine = engine;
        this.dtype = dtype;
        this.hidden = hidden;
        this.dropout = dropout;
        this.batchNorm = batchNorm;
        this.output = output;
        this.down = down;
        this.c = c;
        this.h = h;
        this.w = w;
        this.init = engine.random(seed);
        this.masks = engine.random(seed ^ DROPOUT_SALT);
    }

    /**
     * Plans the networks for the context's samples, which must be images [C, H, W].
     *
     * @param batchNorm whether batch normalisation follows the inner convolutions (see above)
     * @throws ConfigException naming {@code kernel} when the kernel does not fit a convolution's padded input
     */
    public static ConvNetworks plan(String model, List<Integer> channels, int kernel, List<Integer> strides,
                                    List<Integer> paddings, int hidden, double dropout, boolean batchNorm,
                                    Activation output, ModelContext context) {
        int[] shape = context.inputShape();
        if (shape.length != 3 || shape[0] <= 0 || shape[1] <= 0 || shape[2] <= 0) {
            throw new ConfigException("name", "'" + model + "' needs image samples of shape [channels, height, width];"
                    + " the dataset gives samples of shape " + Arrays.toString(shape));
        }
        int n = channels.size();
        int[] c = new int[n + 1];
        int[] h = new int[n + 1];
        int[] w = new int[n + 1];
        ConvGeometry[] down = new ConvGeometry[n];
        c[0] = shape[0];
        h[0] = shape[1];
        w[0] = shape[2];
        for (int i = 0; i < n; i++) {
            down[i] = ConvGeometry.of(kernel, strides.get(i), paddings.get(i));
            c[i + 1] = channels.get(i);
            h[i + 1] = down[i].outputHeight(h[i]);
            w[i + 1] = down[i].outputWidth(w[i]);
            if (h[i + 1] <= 0 || w[i + 1] <= 0) {
                int padded = Math.min(h[i], w[i]) + 2 * paddings.get(i);
                throw new ConfigException("kernel", "is " + kernel + ", larger than the " + (h[i] + 2 * paddings.get(i))
                        + "x" + (w[i] + 2 * paddings.get(i)) + " padded input of convolution " + i + " ("
                        + c[i] + "x" + h[i] + "x" + w[i] + " with padding " + paddings.get(i) + "; the samples are "
                        + c[0] + "x" + h[0] + "x" + w[0] + "); use a kernel of at most " + padded
                        + ", fewer convolutions or smaller strides");
            }
        }
        return new ConvNetworks(context.engine(), context.dtype(), hidden, dropout, batchNorm, output, down, c, h, w,
                context.seed());
    }

    /** The hidden size, the trunk's output. */
    public int hidden() {
        return hidden;
    }

    /** The stream that initialises every parameter, for the layers a model adds to the trunk. */
    public RandomStream init() {
        return init;
    }

    /**
     * The trunk's layers, named {@code encoder.i} by their index in the list: convolutions with
     * (batch normalisation where it is on and) ReLU and dropout, then Linear(flattened -> hidden),
     * ReLU, dropout. The dropout layers are
     * present (as the identity) even at rate 0, so parameter names do not depend on the rate.
     */
    public List<Layer> trunk() {
        List<Layer> enc = new ArrayList<>();
        int n = down.length;
        for (int i = 0; i < n; i++) {
            enc.add(new Conv2d("encoder." + enc.size(), c[i], c[i + 1], h[i], w[i], down[i], engine, dtype, init));
            if (batchNorm && i > 0 && i < n - 1) {
                enc.add(new BatchNorm("encoder." + enc.size(), c[i + 1], h[i + 1] * w[i + 1], engine, dtype));
            }
            int size = c[i + 1] * h[i + 1] * w[i + 1];
            enc.add(new ActivationLayer(Activation.RELU, engine, dtype, size));
            enc.add(new Dropout(dropout, size, engine, dtype, masks));
        }
        enc.add(new Linear("encoder." + enc.size(), flat(), hidden, engine, dtype, init));
        enc.add(new ActivationLayer(Activation.RELU, engine, dtype, hidden));
        enc.add(new Dropout(dropout, hidden, engine, dtype, masks));
        return enc;
    }

    /** The decoder from a code of {@code code} values, its layers named {@code decoder.i}. */
    public Layer decoder(int code) {
        int n = down.length;
        List<Layer> dec = new ArrayList<>();
        dec.add(new Linear("decoder." + dec.size(), code, hidden, engine, dtype, init));
        dec.add(new ActivationLayer(Activation.RELU, engine, dtype, hidden));
        dec.add(new Linear("decoder." + dec.size(), hidden, flat(), engine, dtype, init));
        dec.add(new ActivationLayer(Activation.RELU, engine, dtype, flat()));
        for (int i = n - 1; i >= 0; i--) {
            ConvGeometry up = mirror(down[i], h[i], w[i], h[i + 1], w[i + 1]);
            dec.add(new ConvTranspose2d("decoder." + dec.size(), c[i + 1], c[i], h[i + 1], w[i + 1], up,
                    engine, dtype, init));
            if (batchNorm && i > 0) {
                dec.add(new BatchNorm("decoder." + dec.size(), c[i], h[i] * w[i], engine, dtype));
            }
            Activation f = i > 0 ? Activation.RELU : output;
            if (f != Activation.IDENTITY) {
                dec.add(new ActivationLayer(f, engine, dtype, c[i] * h[i] * w[i]));
            }
        }
        return new Sequential(dec);
    }

    private int flat() {
        int n = down.length;
        return c[n] * h[n] * w[n];
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
