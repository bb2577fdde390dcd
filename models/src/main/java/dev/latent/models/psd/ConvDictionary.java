package dev.latent.models.psd;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.FilterImage;
import dev.latent.api.model.Parameter;

/**
 * The convolutional dictionary of unsup's {@code SpatialConvFistaL1}: K atoms D_k of
 * {@code C x k x k}, and a signal reconstructed from K code maps z_k of
 * {@code (H - k + 1) x (W - k + 1)} as y = sum over k of D_k * z_k, a "full" convolution, that
 * is the engine's transposed convolution (stride 1, no padding) of the code maps with the
 * weights {@code [K, C, k, k]}. Its adjoint is the engine's convolution of the signal with the
 * same weights (read as {@code [O = K, C, k, k]}), and the weight gradient is the transposed
 * convolution's. Codes {@code [B, K, H', W']}, signals {@code [B, C, H, W]}. No bias. Each atom
 * (one row of the weights read as {@code [K, C k k]}) is kept at unit norm; initialised uniform
 * in [-1, 1) and normalised.
 */
public final class ConvDictionary implements Dictionary {

    private final Engine engine;
    private final int channels;
    private final int height;
    private final int width;
    private final int atoms;
    private final int kernel;
    private final ConvGeometry geometry;
    private final Parameter weight;
    private final UnitNorm unitNorm;

    /** @param name the parameter is {@code name.weight} */
    public ConvDictionary(String name, int channels, int height, int width, int atoms, int kernel,
                          Engine engine, DType dtype, RandomStream random) {
        if (kernel < 1 || kernel > height || kernel > width || atoms < 1 || channels < 1) {
            throw new IllegalArgumentException("a convolutional dictionary needs 1 <= kernel <= the image's sides and "
                    + "positive sizes, found " + atoms + " atoms of " + kernel + "x" + kernel + " for "
                    + channels + "x" + height + "x" + width);
        }
        this.engine = engine;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.atoms = atoms;
        this.kernel = kernel;
        this.geometry = ConvGeometry.of(kernel, 1, 0);
        this.weight = Parameter.zeros(name + ".weight", engine, dtype, atoms, channels, kernel, kernel);
        this.unitNorm = new UnitNorm(engine, dtype, atoms, channels * kernel * kernel, false);
        random.fillUniform(weight.value(), -1, 1);
        normalise();
    }

    @Override
    public Parameter parameter() {
        return weight;
    }

    @Override
    public int[] codeShape(int batch) {
        return new int[] {batch, atoms, height - kernel + 1, width - kernel + 1};
    }

    @Override
    public int[] signalShape(int batch) {
        return new int[] {batch, channels, height, width};
    }

    @Override
    public void apply(Tensor codes, Tensor out) {
        engine.conv2dTranspose(codes, weight.value(), null, geometry, out);
    }

    @Override
    public void adjoint(Tensor signals, Tensor out) {
        engine.conv2d(signals, weight.value(), null, geometry, out);
    }

    @Override
    public void weightGradient(Tensor codes, Tensor gradSignals, Tensor out) {
        engine.conv2dTransposeBackward(codes, weight.value(), gradSignals, geometry, null, out, null);
    }

    @Override
    public void normalise() {
        unitNorm.normalise(weight.value());
    }

    @Override
    public FilterImage atoms() {
        return FilterImages.rows("dictionary", weight.value().toDoubleArray(), atoms, channels * kernel, kernel);
    }

    @Override
    public void close() {
        weight.close();
        unitNorm.close();
    }

    @Override
    public String toString() {
        return "ConvDictionary(" + atoms + " atoms of " + channels + "x" + kernel + "x" + kernel + " for "
                + height + "x" + width + ")";
    }
}
