package dev.latent.models.psd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.FilterImage;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.Parameter;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.MeanSquaredError;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvPsdTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    private PredictiveSparseDecomposition model(int code, int kernel, int[] shape, double lambda, int maxIterations) {
        return model(code, kernel, shape, lambda, maxIterations, 1e-8);
    }

    private PredictiveSparseDecomposition model(int code, int kernel, int[] shape, double lambda, int maxIterations,
                                                double tolerance) {
        return (PredictiveSparseDecomposition) new ConvPsdProvider().create(
                new ConvPsdConfig(code, kernel, lambda, 0.8, new FistaConfig(maxIterations, tolerance)),
                new ModelContext(engine, F64, shape, new MeanSquaredError(engine), 42));
    }

    private Tensor batch(int rows, int columns, long seed) {
        return PsdChecks.gaussian(engine, rows, columns, seed);
    }

    @Test
    void isDiscoveredAsConvPsd() {
        PsdChecks.assertDiscovered("conv-psd");
    }

    @Test
    void gradientsWithTheCodesHeldFixedMatchFiniteDifferences() {
        // 6x6 patches, 3x3 filters: 3 code maps of 4x4
        PredictiveSparseDecomposition psd = model(3, 3, new int[] {1, 6, 6}, 0.2, 500);
        assertEquals(48, psd.codeSize());
        Tensor x = batch(2, 36, 3);
        Tensor z = engine.fromArray(psd.sparseCodes(x, true).toDoubleArray(), F64, 2, 48);
        long nonZero = Arrays.stream(z.toDoubleArray()).filter(v -> v != 0).count();
        assertTrue(nonZero > 3 && nonZero < 90, "a sparse code with some units active: " + nonZero);
        PsdChecks.assertGradientsAtFixedCodes(engine, psd, x, z, 40);
        psd.close();
    }

    @Test
    void fistaReachesTheOptimalityConditionsOverCodeMaps() {
        PredictiveSparseDecomposition psd = model(2, 3, new int[] {5, 5}, 0.4, 20000, 1e-12);
        Tensor x = batch(2, 25, 8);
        Tensor z = engine.fromArray(psd.sparseCodes(x, false).toDoubleArray(), F64, 2, 2, 3, 3);
        assertTrue(psd.lastSolve().converged(), psd.lastSolve()::toString);
        // 2 D^T (D z - y) through the dictionary itself, checked against the subgradient conditions
        Dictionary d = psd.dictionary();
        Tensor residual = engine.zeros(F64, 2, 1, 5, 5);
        d.apply(z, residual);
        Tensor y = engine.zeros(F64, 2, 1, 5, 5);
        engine.copy(x, y);
        engine.sub(residual, y, residual);
        Tensor g = engine.zeros(F64, 2, 2, 3, 3);
        d.adjoint(residual, g);
        double[] codes = z.toDoubleArray();
        double[] gradient = g.toDoubleArray();
        for (int i = 0; i < codes.length; i++) {
            double gi = 2 * gradient[i];
            if (codes[i] != 0) {
                assertEquals(0, gi + 0.4 * Math.signum(codes[i]), 1e-6, "unit " + i);
            } else {
                assertTrue(Math.abs(gi) <= 0.4 + 1e-6, "unit " + i + ": " + gi);
            }
        }
        psd.close();
    }

    @Test
    void theAdjointIsTheTransposeOfTheDictionary() {
        PredictiveSparseDecomposition psd = model(3, 3, new int[] {1, 6, 7}, 1, 10);
        Dictionary d = psd.dictionary();
        Tensor z = engine.zeros(F64, d.codeShape(2));
        Tensor r = engine.zeros(F64, d.signalShape(2));
        engine.random(4).fillGaussian(z, 0, 1);
        engine.random(5).fillGaussian(r, 0, 1);
        Tensor dz = engine.zeros(F64, d.signalShape(2));
        Tensor dtr = engine.zeros(F64, d.codeShape(2));
        d.apply(z, dz);
        d.adjoint(r, dtr);
        assertEquals(engine.dot(dz, r), engine.dot(z, dtr), 1e-10, "<D z, r> = <z, D^T r>");
        psd.close();
    }

    @Test
    void curvatureOfTheAtomsAndTheGainIsTheExactSecondDerivative() {
        PredictiveSparseDecomposition psd = model(2, 3, new int[] {1, 5, 5}, 0.2, 500);
        Tensor x = batch(3, 25, 6);
        Tensor z = engine.fromArray(psd.sparseCodes(x, true).toDoubleArray(), F64, 3, 18);
        psd.parameters().forEach(p -> engine.fill(p.curvature(), 0));
        psd.accumulateCurvature(x, x);
        for (Parameter p : psd.parameters()) {
            if (p.name().equals("dictionary.weight") || p.name().equals("encoder.2.gain")) {
                double[] h = p.curvature().toDoubleArray();
                for (int i = 0; i < h.length; i++) {
                    double expected = GradientCheck.secondDifference(engine, p.value(), i, () -> psd.lossAt(x, x, z).total());
                    assertEquals(expected, h[i], 1e-5 * Math.max(1, Math.abs(expected)), p.name() + " " + i);
                }
            }
        }
        psd.close();
    }

    @Test
    void atomsHaveUnitNormAfterAnUpdateAndShowAsFilters() {
        PredictiveSparseDecomposition psd = model(4, 3, new int[] {1, 8, 8}, 1, 10);
        Parameter d = psd.dictionary().parameter();
        assertArrayEquals(new int[] {4, 1, 3, 3}, d.value().shape());
        engine.random(2).fillGaussian(d.value(), 0, 5);
        psd.afterUpdate();
        double[] w = d.value().toDoubleArray();
        for (int k = 0; k < 4; k++) {
            double sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += w[k * 9 + i] * w[k * 9 + i];
            }
            assertEquals(1, Math.sqrt(sum), 1e-12, "atom " + k);
        }
        List<FilterImage> images = psd.filterImages();
        assertEquals(List.of("encoder", "dictionary"), images.stream().map(FilterImage::name).toList());
        for (FilterImage image : images) {
            assertEquals(List.of(4, 3, 3), List.of(image.count(), image.height(), image.width()), image.name());
        }
        float[] atoms = images.get(1).pixels();
        for (int i = 0; i < w.length; i++) {
            assertEquals((float) w[i], atoms[i]);
        }
        assertArrayEquals(new int[] {2, 4 * 6 * 6}, psd.encode(batch(2, 64, 1)).shape());
        psd.close();
    }

    @Test
    void theKernelMustFitTheSamples() {
        ModelContext flat = new ModelContext(engine, F64, new int[] {81}, new MeanSquaredError(engine), 1);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConvPsdProvider().create(
                new ConvPsdConfig(4, 3, 1, 1, new FistaConfig(10, 0)), flat));
        assertEquals("kernel needs image samples [C, H, W] or [H, W] for conv-psd, but the dataset's samples are [81]",
                e.getMessage());
        ModelContext small = new ModelContext(engine, F64, new int[] {1, 7, 9}, new MeanSquaredError(engine), 1);
        ConfigException f = assertThrows(ConfigException.class, () -> new ConvPsdProvider().create(
                new ConvPsdConfig(4, 8, 1, 1, new FistaConfig(10, 0)), small));
        assertEquals("kernel must be at most the sample's height and width (7x9), found 8", f.getMessage());
        ConfigException g = assertThrows(ConfigException.class, () -> new ConvPsdConfig(0, 0, 1, -2, new FistaConfig(10, 0)));
        assertEquals("code must be >= 1, found 0; alpha must be > 0, found -2; kernel must be >= 1, found 0",
                g.getMessage());
    }

    @Test
    void theLossFallsOnDigitPatches() {
        // 9x9 digit patches, 4 filters of 5x5: code maps of 5x5
        double[] data = MnistPatches.sample("train", 2000, 64 * 16, 9);
        PredictiveSparseDecomposition psd = (PredictiveSparseDecomposition) new ConvPsdProvider().create(
                new ConvPsdConfig(4, 5, 0.5, 1, new FistaConfig(30, 1e-4)),
                new ModelContext(engine, F64, new int[] {1, 9, 9}, new MeanSquaredError(engine), 42));
        Tensor x = engine.zeros(F64, 16, 81);
        double first = 0;
        double last = 0;
        int steps = 60;
        for (int step = 0; step < steps; step++) {
            int offset = (step % 64) * 16;
            engine.assign(x, Arrays.copyOfRange(data, offset * 81, (offset + 16) * 81));
            LossReport report = psd.trainStep(x, x);
            PsdLearningTest.sgd(engine, psd, 0.002, 0.02);
            if (step < 10) {
                first += report.total() / 10;
            } else if (step >= steps - 10) {
                last += report.total() / 10;
            }
        }
        System.out.println("conv-psd on digit patches: loss " + first + " -> " + last);
        assertTrue(last < 0.75 * first, "loss " + first + " -> " + last);
        psd.close();
    }
}
