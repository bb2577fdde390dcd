package dev.latent.models.psd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.config.ConfigProblem;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.FilterImage;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.Parameter;
import dev.latent.models.CountingEngine;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.BinaryCrossEntropy;
import dev.latent.models.loss.MeanSquaredError;
import java.util.List;
import org.junit.jupiter.api.Test;

class PsdTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    private PredictiveSparseDecomposition model(Engine e, int code, double lambda, double alpha) {
        return (PredictiveSparseDecomposition) new PsdProvider().create(
                new PsdConfig(code, lambda, alpha, new FistaConfig(500, 1e-8)),
                new ModelContext(e, F64, new int[] {1, 3, 3}, new MeanSquaredError(e), 42));
    }

    private Tensor batch(int rows, long seed) {
        return PsdChecks.gaussian(engine, rows, 9, seed);
    }

    @Test
    void isDiscoveredAsPsd() {
        PsdChecks.assertDiscovered("psd");
    }

    @Test
    void gradientsWithTheCodesHeldFixedMatchFiniteDifferences() {
        PredictiveSparseDecomposition psd = model(engine, 6, 0.3, 0.7);
        Tensor x = batch(5, 3);
        Tensor z = engine.fromArray(psd.sparseCodes(x, true).toDoubleArray(), F64, 5, 6);
        long nonZero = java.util.Arrays.stream(z.toDoubleArray()).filter(v -> v != 0).count();
        assertTrue(nonZero > 3 && nonZero < 27, "a sparse code with some units active: " + nonZero);
        PsdChecks.assertGradientsAtFixedCodes(engine, psd, x, z, 60);
        psd.close();
    }

    @Test
    void aTrainStepUsesFistasCodesWarmStartedFromTheEncoder() {
        PredictiveSparseDecomposition psd = model(engine, 6, 0.3, 0.7);
        Tensor x = batch(5, 4);
        Tensor z = engine.fromArray(psd.sparseCodes(x, true).toDoubleArray(), F64, 5, 6);
        FistaResult solve = psd.lastSolve();
        LossReport fixed = psd.trainStepAt(x, x, z);
        List<double[]> expected = psd.parameters().stream().map(p -> p.gradient().toDoubleArray()).toList();
        LossReport step = psd.trainStep(x, x);
        for (int i = 0; i < expected.size(); i++) {
            // the power iteration refines L between the two solves, so the codes agree to FISTA's tolerance
            assertArrayEquals(expected.get(i), psd.parameters().get(i).gradient().toDoubleArray(), 1e-8,
                    psd.parameters().get(i).name());
        }
        assertEquals(fixed.total(), step.total(), 1e-9);
        assertEquals(List.of("reconstruction", "sparsity", "prediction", "fista_iterations"),
                List.copyOf(step.terms().keySet()));
        assertEquals(step.terms().get("reconstruction") + step.terms().get("sparsity") + step.terms().get("prediction"),
                step.total(), 1e-12);
        assertEquals(solve.iterations(), step.terms().get("fista_iterations"));
        assertEquals(step.total(), psd.evaluate(x, x).total(), 1e-9, "evaluation solves the same problem");
        psd.close();
    }

    @Test
    void afterUpdateRenormalisesEveryAtom() {
        PredictiveSparseDecomposition psd = model(engine, 7, 1, 1);
        Parameter d = psd.dictionary().parameter();
        assertColumnNorms(d.value().toDoubleArray(), 9, 7, "at initialisation");
        engine.random(5).fillGaussian(d.value(), 0, 3);
        psd.afterUpdate();
        assertColumnNorms(d.value().toDoubleArray(), 9, 7, "after an update");
        psd.close();
    }

    private static void assertColumnNorms(double[] d, int n, int k, String when) {
        for (int j = 0; j < k; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += d[i * k + j] * d[i * k + j];
            }
            assertEquals(1, Math.sqrt(sum), 1e-12, "atom " + j + " " + when);
        }
    }

    @Test
    void curvatureOfTheDictionaryAndTheGainIsTheExactSecondDerivative() {
        // with z* fixed the loss is quadratic in D and in the Diag gain, so Gauss-Newton is exact there
        PredictiveSparseDecomposition psd = model(engine, 5, 0.2, 0.9);
        Tensor x = batch(4, 6);
        Tensor z = engine.fromArray(psd.sparseCodes(x, true).toDoubleArray(), F64, 4, 5);
        psd.parameters().forEach(p -> engine.fill(p.curvature(), 0));
        psd.accumulateCurvature(x, x);
        for (Parameter p : psd.parameters()) {
            if (p.name().equals("dictionary.weight") || p.name().equals("encoder.2.gain")) {
                double[] h = p.curvature().toDoubleArray();
                for (int i = 0; i < h.length; i++) {
                    double expected = GradientCheck.secondDifference(engine, p.value(), i, () -> psd.lossAt(x, x, z).total());
                    assertEquals(expected, h[i], 1e-5 * Math.max(1, Math.abs(expected)), p.name() + " " + i);
                }
            } else {
                assertTrue(java.util.Arrays.stream(p.curvature().toDoubleArray()).allMatch(v -> v >= 0)
                        && java.util.Arrays.stream(p.curvature().toDoubleArray()).anyMatch(v -> v > 0), p.name());
            }
        }
        psd.close();
    }

    @Test
    void filtersAreTheEncoderColumnsAndTheAtomsAtTheSampleShape() {
        PredictiveSparseDecomposition psd = model(engine, 4, 1, 1);
        List<FilterImage> images = psd.filterImages();
        assertEquals(List.of("encoder", "dictionary"), images.stream().map(FilterImage::name).toList());
        double[] w = psd.parameters().get(0).value().toDoubleArray();   // encoder.0.weight [9, 4]
        double[] d = psd.dictionary().parameter().value().toDoubleArray();
        for (int f = 0; f < 2; f++) {
            FilterImage image = images.get(f);
            assertEquals(4, image.count());
            assertEquals(3, image.height());
            assertEquals(3, image.width());
            double[] source = f == 0 ? w : d;
            float[] pixels = image.pixels();
            for (int j = 0; j < 4; j++) {
                for (int p = 0; p < 9; p++) {
                    assertEquals((float) source[p * 4 + j], pixels[j * 9 + p], image.name() + " " + j + " pixel " + p);
                }
            }
        }
        assertArrayEquals(new int[] {2, 4}, psd.encode(batch(2, 1)).shape());
        assertEquals(4, psd.codeSize());
        assertEquals(List.of("dictionary.power_vector"), List.copyOf(psd.buffers().keySet()));
        psd.close();
    }

    @Test
    void reconstructionIsTheDictionaryTimesFistasCode() {
        PredictiveSparseDecomposition psd = model(engine, 6, 0.1, 1);
        Tensor x = batch(3, 8);
        double reconstruction = psd.evaluate(x, x).terms().get("reconstruction");
        Tensor out = psd.reconstruct(x);
        assertEquals(reconstruction, engine.squaredDistance(out, x) / 3, 1e-10);
        assertTrue(reconstruction < 0.5 * engine.dot(x, x) / 3, "six atoms for nine pixels explain much of it");
        psd.close();
    }

    @Test
    void stepsAfterTheFirstAllocateNothing() {
        CountingEngine counter = new CountingEngine(engine);
        PredictiveSparseDecomposition psd = model(counter.engine(), 8, 0.5, 1);
        Tensor x = batch(6, 2);
        psd.trainStep(x, x);
        psd.afterUpdate();
        int after = counter.allocations();
        for (int i = 0; i < 3; i++) {
            psd.trainStep(x, x);
            psd.afterUpdate();
        }
        assertEquals(after, counter.allocations());
        psd.close();
    }

    @Test
    void badSettingsAreAllReported() {
        ConfigException e = assertThrows(ConfigException.class, () -> new PsdConfig(0, -1, 0, new FistaConfig(100, 1e-4)));
        assertEquals(List.of("code must be >= 1, found 0", "lambda must be > 0, found -1", "alpha must be > 0, found 0"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        ConfigException f = assertThrows(ConfigException.class, () -> new FistaConfig(0, -0.5));
        assertEquals(List.of("maxIterations must be >= 1, found 0", "tolerance must be >= 0, found -0.5"),
                f.problems().stream().map(ConfigProblem::toString).toList());
        ConfigException loss = assertThrows(ConfigException.class, () -> new PsdProvider().create(
                new PsdConfig(4, 1, 1, new FistaConfig(10, 0)),
                new ModelContext(engine, F64, new int[] {9}, new BinaryCrossEntropy(engine), 1)));
        assertEquals("loss must be mse for a PSD model, whose reconstruction term is the squared error of its "
                + "sparse-coding energy; found bce", loss.getMessage());
    }
}
