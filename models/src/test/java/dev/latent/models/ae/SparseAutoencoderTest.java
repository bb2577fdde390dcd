package dev.latent.models.ae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.api.model.Parameter;
import dev.latent.models.GradientCheck;
import dev.latent.models.CountingEngine;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.BinaryCrossEntropy;
import dev.latent.models.loss.MeanSquaredError;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SparseAutoencoderTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();
    private final SparseAutoencoderProvider provider = new SparseAutoencoderProvider();

    private static SparseAutoencoderConfig config(List<Integer> hidden, int code, String codeActivation,
                                                  String sparsity, double weight) {
        return new SparseAutoencoderConfig(hidden, code, "tanh", codeActivation, "sigmoid", sparsity, weight, 0.05, 0);
    }

    private Model model(SparseAutoencoderConfig config, Loss loss, int inputSize) {
        return provider.create(config, new ModelContext(engine, F64, new int[] {inputSize}, loss, 42));
    }

    private Tensor batch(int rows, int columns, long seed) {
        Tensor x = engine.zeros(F64, rows, columns);
        engine.random(seed).fillUniform(x, 0, 1);
        return x;
    }

    @Test
    void isDiscoveredAsSparseAe() {
        List<String> names = ServiceLoader.load(ModelProvider.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.contains("sparse-ae"), names::toString);
    }

    @Test
    void trainStepGradientsOfTheTotalLossMatchFiniteDifferences() {
        // kl needs sigmoid codes; l1 gets tanh codes, so that the sign takes both values
        for (String[] penalty : new String[][] {{"kl", "sigmoid"}, {"l1", "tanh"}}) {
            Model ae = model(config(List.of(5), 4, penalty[1], penalty[0], 0.5), new MeanSquaredError(engine), 7);
            Tensor x = batch(6, 7, 3);
            LossReport report = ae.trainStep(x, x);
            assertTrue(report.terms().get("sparsity") > 0.01, penalty[0] + " penalty matters: " + report);
            for (Parameter p : ae.parameters()) {
                GradientCheck.assertGradient(penalty[0] + " " + p.name(), engine, p.value(),
                        p.gradient().toDoubleArray(), () -> ae.evaluate(x, x).total(), 30);
            }
            ae.close();
        }
    }

    @Test
    void klPenaltyMatchesHandComputation() {
        double beta = 0.5;
        double rho = 0.05;
        Tensor z = engine.fromArray(new double[] {0.1, 0.2, 0.3, 0.6, 0.2, 0.4}, F64, 3, 2);
        Tensor grad = engine.fromArray(new double[] {1, 1, 1, 1, 1, 1}, F64, 3, 2);
        try (KlSparsity kl = new KlSparsity(engine, F64, 2, beta, rho)) {
            double[] rhoHat = {0.2, 0.4};
            double expected = 0;
            double[] perUnit = new double[2];
            for (int j = 0; j < 2; j++) {
                expected += rho * Math.log(rho / rhoHat[j]) + (1 - rho) * Math.log((1 - rho) / (1 - rhoHat[j]));
                perUnit[j] = beta / 3 * (-rho / rhoHat[j] + (1 - rho) / (1 - rhoHat[j]));
            }
            expected *= beta;
            assertEquals(expected, kl.value(z), 1e-12);
            assertEquals(expected, kl.addGradient(z, grad), 1e-12);
            assertArrayEquals(rhoHat, kl.meanActivation(), 1e-12);
            double[] g = {1 + perUnit[0], 1 + perUnit[1], 1 + perUnit[0], 1 + perUnit[1], 1 + perUnit[0], 1 + perUnit[1]};
            assertArrayEquals(g, grad.toDoubleArray(), 1e-12, "the gradient is added, the same for each sample");
        }
    }

    @Test
    void klPenaltyIsZeroAtTheTarget() {
        Tensor z = engine.fromArray(new double[] {0.05, 0.1, 0.05, 0.0}, F64, 2, 2);
        Tensor grad = engine.zeros(F64, 2, 2);
        try (KlSparsity kl = new KlSparsity(engine, F64, 2, 3, 0.05)) {
            assertEquals(0, kl.addGradient(z, grad), 1e-12);
            assertArrayEquals(new double[4], grad.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void l1PenaltyMatchesHandComputation() {
        Tensor z = engine.fromArray(new double[] {0.5, -1, 0, 2, -0.25, 0.75}, F64, 3, 2);
        Tensor grad = engine.fromArray(new double[] {1, 1, 1, 1, 1, 1}, F64, 3, 2);
        try (L1Sparsity l1 = new L1Sparsity(engine, F64, 2, 0.3)) {
            // 0.3 * (0.5 + 1 + 0 + 2 + 0.25 + 0.75) / 3
            assertEquals(0.45, l1.value(z), 1e-12);
            assertEquals(0.45, l1.addGradient(z, grad), 1e-12);
            assertArrayEquals(new double[] {1.1, 0.9, 1, 1.1, 0.9, 1.1}, grad.toDoubleArray(), 1e-12,
                    "0.3 / 3 * sign(z) added; sign(0) = 0");
        }
    }

    @Test
    void termsAreReportedAndAddUpToTheTotal() {
        for (Loss loss : List.<Loss>of(new MeanSquaredError(engine), new BinaryCrossEntropy(engine))) {
            String out = loss instanceof BinaryCrossEntropy ? "identity" : "sigmoid";
            Model ae = provider.create(new SparseAutoencoderConfig(List.of(), 12, "relu", "sigmoid", out, "kl", 0.1, 0.05, 0),
                    new ModelContext(engine, F64, new int[] {8}, loss, 7));
            Tensor x = batch(10, 8, 5);
            for (LossReport r : List.of(ae.trainStep(x, x), ae.evaluate(x, x))) {
                assertEquals(List.of(loss.name(), "sparsity"), List.copyOf(r.terms().keySet()));
                assertEquals(r.terms().get(loss.name()) + r.terms().get("sparsity"), r.total(), 1e-12);
                assertTrue(r.terms().get("sparsity") > 0, r::toString);
            }
            assertEquals(ae.trainStep(x, x).total(), ae.evaluate(x, x).total(), 1e-12, "no dropout: the same loss");
            ae.close();
        }
    }

    @Test
    void anOvercompleteCodeTrains() {
        for (String[] penalty : new String[][] {{"kl", "sigmoid"}, {"l1", "relu"}}) {
            Model ae = provider.create(new SparseAutoencoderConfig(List.of(), 16, "relu", penalty[1], "sigmoid",
                    penalty[0], 0.01, 0.05, 0), new ModelContext(engine, F64, new int[] {8}, new MeanSquaredError(engine), 11));
            assertArrayEquals(new int[] {8, 16}, ae.parameters().get(0).value().shape());
            assertArrayEquals(new int[] {16, 8}, ae.parameters().get(2).value().shape());
            Tensor x = batch(32, 8, 6);
            double first = ae.trainStep(x, x).terms().get("mse");
            for (int step = 0; step < 1000; step++) {
                for (Parameter p : ae.parameters()) {
                    engine.axpy(-2.0, p.gradient(), p.value());
                }
                ae.trainStep(x, x);
            }
            double last = ae.evaluate(x, x).terms().get("mse");
            double baseline = predictTheMean(x); // beats predicting each column's mean
            assertTrue(last < 0.9 * baseline, penalty[0] + ": mse " + first + " -> " + last + ", baseline " + baseline);
            assertEquals(8, ae.reconstruct(x).columns());
            ae.close();
        }
    }

    @Test
    void klSparsityPullsTheMeanCodeActivationTowardsTheTarget() {
        Model ae = provider.create(new SparseAutoencoderConfig(List.of(), 16, "relu", "sigmoid", "sigmoid", "kl", 1, 0.05, 0),
                new ModelContext(engine, F64, new int[] {8}, new MeanSquaredError(engine), 13));
        Tensor x = batch(64, 8, 8);
        double before = meanOf(((Autoencoder) ae).encode(x));
        assertTrue(before > 0.35 && before < 0.65, "a sigmoid code starts near 0.5: " + before);
        for (int step = 0; step < 500; step++) {
            ae.trainStep(x, x);
            for (Parameter p : ae.parameters()) {
                engine.axpy(-0.5, p.gradient(), p.value());
            }
        }
        double after = meanOf(((Autoencoder) ae).encode(x));
        assertTrue(after < 0.15, "mean code activation " + before + " -> " + after + ", target 0.05");
        ae.close();
    }

    /** The MSE of predicting each column's mean. */
    private static double predictTheMean(Tensor x) {
        double[] v = x.toDoubleArray();
        int rows = x.rows();
        int columns = v.length / rows;
        double sum = 0;
        for (int j = 0; j < columns; j++) {
            double mean = 0;
            for (int i = 0; i < rows; i++) {
                mean += v[i * columns + j] / rows;
            }
            for (int i = 0; i < rows; i++) {
                sum += (v[i * columns + j] - mean) * (v[i * columns + j] - mean);
            }
        }
        return sum / v.length;
    }

    private static double meanOf(Tensor t) {
        return java.util.Arrays.stream(t.toDoubleArray()).average().orElseThrow();
    }

    @Test
    void stepsAfterTheFirstAllocateNothing() {
        for (String sparsity : List.of("kl", "l1")) {
            CountingEngine counter = new CountingEngine(engine);
            Engine counting = counter.engine();
            Model ae = provider.create(new SparseAutoencoderConfig(List.of(32), 64, "relu", "sigmoid", "sigmoid",
                    sparsity, 0.1, 0.05, 0), new ModelContext(counting, DType.FLOAT32, new int[] {1, 6, 6},
                    new MeanSquaredError(counting), 1));
            Tensor batch = engine.zeros(DType.FLOAT32, 16, 36);
            engine.random(2).fillUniform(batch, 0, 1);
            ae.trainStep(batch, batch);
            ae.evaluate(batch, batch);
            int afterFirst = counter.allocations();
            for (int i = 0; i < 3; i++) {
                ae.trainStep(batch, batch);
                ae.evaluate(batch, batch);
            }
            assertEquals(afterFirst, counter.allocations(), sparsity + ": steps after the first reuse their buffers");
            ae.close();
        }
    }

    @Test
    void klWithANonSigmoidCodeIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () ->
                new SparseAutoencoderConfig(List.of(), 16, "relu", "relu", "sigmoid", "kl", 0.1, 0.05, 0));
        assertEquals("codeActivation must be sigmoid with sparsity 'kl', which needs codes in (0, 1); found relu",
                e.getMessage());
        // l1 takes any code activation
        new SparseAutoencoderConfig(List.of(), 16, "relu", "relu", "sigmoid", "l1", 0.1, 0.05, 0);
    }

    @Test
    void invalidConfigListsEveryProblem() {
        ConfigException e = assertThrows(ConfigException.class, () ->
                new SparseAutoencoderConfig(List.of(-4), 0, "relu", "sigmoid", "sigmoid", "l2", -0.5, 1, 0));
        assertEquals(List.of("code must be > 0, found 0", "hidden[0] must be > 0, found -4",
                        "sparsity must be one of l1, kl, found 'l2'", "weight must be >= 0, found -0.5",
                        "target must be in (0, 1), found 1"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void aSigmoidOutputWithALogitLossIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> model(
                config(List.of(), 4, "sigmoid", "kl", 0.1), new BinaryCrossEntropy(engine), 6));
        assertEquals("outputActivation must be identity with loss 'bce', which applies sigmoid itself; found sigmoid",
                e.getMessage());
    }
}
