package dev.latent.models.psd;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.FilterImage;
import dev.latent.api.model.Parameter;

/**
 * The dense dictionary of linear sparse coding (unsup's {@code LinearFistaL1}): a matrix D of
 * shape {@code [n, K]} whose K columns are the atoms, so that a code z reconstructs D z. Batches
 * are rows: codes {@code [B, K]}, signals {@code [B, n]}, apply Z D^T, adjoint R D, weight
 * gradient G^T Z (all one gemm). No bias: the patches are contrast-normalised to mean zero.
 * Initialised uniform in [-1, 1) and normalised, so every atom starts at unit norm.
 */
public final class LinearDictionary implements Dictionary {

    private final Engine engine;
    private final int inputSize;
    private final int codeSize;
    private final int[] imageSize;
    private final Parameter weight;
    private final UnitNorm unitNorm;

    /**
     * @param name        the parameter is {@code name.weight}
     * @param sampleShape the shape of one signal, for {@link #atoms()}
     */
    public LinearDictionary(String name, int[] sampleShape, int codeSize, Engine engine, DType dtype,
                            RandomStream random) {
        this.engine = engine;
        int n = 1;
        for (int d : sampleShape) {
            n *= d;
        }
        if (n <= 0 || codeSize <= 0) {
            throw new IllegalArgumentException("a dictionary needs positive sizes, found " + n + " x " + codeSize);
        }
        this.inputSize = n;
        this.codeSize = codeSize;
        this.imageSize = FilterImages.imageSize(sampleShape);
        this.weight = Parameter.zeros(name + ".weight", engine, dtype, n, codeSize);
        this.unitNorm = new UnitNorm(engine, dtype, n, codeSize, true);
        random.fillUniform(weight.value(), -1, 1);
        normalise();
    }

    @Override
    public Parameter parameter() {
        return weight;
    }

    @Override
    public int[] codeShape(int batch) {
        return new int[] {batch, codeSize};
    }

    @Override
    public int[] signalShape(int batch) {
        return new int[] {batch, inputSize};
    }

    @Override
    public void apply(Tensor codes, Tensor out) {
        engine.gemm(codes, false, weight.value(), true, 1, 0, out);
    }

    @Override
    public void adjoint(Tensor signals, Tensor out) {
        engine.gemm(signals, false, weight.value(), false, 1, 0, out);
    }

    @Override
    public void weightGradient(Tensor codes, Tensor gradSignals, Tensor out) {
        engine.gemm(gradSignals, true, codes, false, 1, 0, out);
    }

    @Override
    public void normalise() {
        unitNorm.normalise(weight.value());
    }

    @Override
    public FilterImage atoms() {
        return FilterImages.columns("dictionary", weight.value().toDoubleArray(), codeSize, imageSize[0], imageSize[1]);
    }

    @Override
    public void close() {
        weight.close();
        unitNorm.close();
    }

    @Override
    public String toString() {
        return "LinearDictionary(" + inputSize + " x " + codeSize + ")";
    }
}
