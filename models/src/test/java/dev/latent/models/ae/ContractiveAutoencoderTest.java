package dev.latent.models.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.Activation;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.api.model.Parameter;
import dev.latent.models.CountingEngine;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.BinaryCrossEntropy;
import dev.latent.models.loss.MeanSquaredError;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ContractiveAutoencoderTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();
    private final ContractiveAutoencoderProvider provider = new ContractiveAutoencoderProvider();

    private Autoencoder model(ContractiveAutoencoderConfig config, Loss loss, DType dtype, int inputSize, long seed) {
        return (Autoencoder) provider.create(config, new ModelContext(engine, dtype, new int[] {inputSize}, loss, seed));
    }

    private Autoencoder model(int code, String activation, double lambda, double weightDecay, int inputSize) {
        return model(new ContractiveAutoencoderConfig(code, activation, lambda, "sigmoid", weightDecay),
                new MeanSquaredError(engine), F64, inputSize, 42);
    }

    private Tensor batch(int rows, int columns, long seed) {
        Tensor x = engine.zeros(F64, rows, columns);
        engine.random(seed).fillUniform(x, 0, 1);
        return x;
    }

    @Test
    void isDiscoveredAsCae() {
        List<String> names = ServiceLoader.load(ModelProvider.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.contains("cae"), names::toString);
    }

    @Test
    void theEncoderIsOneLayerAndTheDecoderItsMirror() {
        Autoencoder cae = model(6, "sigmoid", 0.1, 0, 9);
        assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "decoder.0.weight", "decoder.0.bias"),
                cae.parameters().stream().map(Parameter::name).toList());
        assertEquals(6, cae.encode(batch(2, 9, 1)).columns());
        cae.close();
    }

    @Test
    void gradientsOfTheFullLossMatchFiniteDifferences() {
        for (String activation : List.of("sigmoid", "tanh")) {
            Autoencoder cae = model(5, activation, 0.5, 0.05, 7);
            Tensor x = batch(6, 7, 3);
            LossReport report = cae.trainStep(x, x);
            assertEquals(List.of("mse", "contractive", "weight_decay"), List.copyOf(report.terms().keySet()));
            assertTrue(report.terms().get("contractive") > 0.01, activation + ": the penalty matters: " + report);
            assertTrue(report.terms().get("weight_decay") > 0.01, activation + ": the decay matters: " + report);
            for (Parameter p : cae.parameters()) {
                GradientCheck.assertGradient(activation + " " + p.name(), engine, p.value(),
                        p.gradient().toDoubleArray(), () -> cae.evaluate(x, x).total(), 40);
            }
            cae.close();
        }
    }

    @Test
    void contractiveTermIsTheMeanSquaredFrobeniusNormOfTheFiniteDifferenceJacobian() {
        double lambda = 0.7;
        for (String activation : List.of("sigmoid", "tanh")) {
            Autoencoder cae = model(4, activation, lambda, 0, 6);
            Tensor x = batch(3, 6, 9);
            double expected = 0;
            double[] values = x.toDoubleArray();
            for (int sample = 0; sample < 3; sample++) {
                for (int k = 0; k < 6; k++) {
                    int at = sample * 6 + k;
                    double original = values[at];
                    values[at] = original + GradientCheck.EPS;
                    engine.assign(x, values);
                    double[] plus = cae.encode(x).toDoubleArray();
                    values[at] = original - GradientCheck.EPS;
                    engine.assign(x, values);
                    double[] minus = cae.encode(x).toDoubleArray();
                    values[at] = original;
                    engine.assign(x, values);
                    for (int j = 0; j < 4; j++) {
                        double dhdx = (plus[sample * 4 + j] - minus[sample * 4 + j]) / (2 * GradientCheck.EPS);
                        expected += dhdx * dhdx;
                    }
                }
            }
            expected = lambda * expected / 3;
            LossReport report = cae.evaluate(x, x);
            assertEquals(expected, report.terms().get("contractive"), 1e-8 * expected, activation);
            assertEquals(report.terms().get("mse") + report.terms().get("contractive"), report.total(), 1e-12);
            cae.close();
        }
    }

    @Test
    void weightDecayIsLambdaTimesTheSquaredWeightsOfEveryAutoencoder() {
        double decay = 0.03;
        MeanSquaredError mse = new MeanSquaredError(engine);
        List<Model> models = List.of(
                new AutoencoderProvider().create(new AutoencoderConfig(List.of(5), 3, "relu", "identity", "sigmoid",
                        decay), new ModelContext(engine, F64, new int[] {8}, mse, 1)),
                new SparseAutoencoderProvider().create(new SparseAutoencoderConfig(List.of(), 6, "relu", "sigmoid",
                        "sigmoid", "kl", 0.1, 0.05, decay), new ModelContext(engine, F64, new int[] {8}, mse, 2)),
                new ConvAutoencoderProvider().create(new ConvAutoencoderConfig(List.of(2), 3, List.of(2), List.of(1),
                        4, 3, 0, "sigmoid", decay, false), new ModelContext(engine, F64, new int[] {1, 4, 2}, mse, 3)),
                model(4, "tanh", 0.1, decay, 8));
        Tensor x = batch(5, 8, 4);
        for (Model m : models) {
            double squares = 0;
            for (Parameter p : m.parameters()) {
                if (p.name().endsWith(".weight")) {
                    squares += engine.dot(p.value(), p.value());
                }
            }
            for (LossReport r : List.of(m.trainStep(x, x), m.evaluate(x, x))) {
                assertEquals(decay * squares, r.terms().get("weight_decay"), 1e-12, m + ": " + r);
                assertEquals(r.terms().values().stream().mapToDouble(Double::doubleValue).sum(), r.total(), 1e-12);
            }
            m.close();
        }
    }

    @Test
    void aCodePenaltyAndWeightDecayReportThreeTermsWithTheirGradients() {
        Model sparse = new SparseAutoencoderProvider().create(new SparseAutoencoderConfig(List.of(4), 5, "tanh",
                "sigmoid", "sigmoid", "kl", 0.5, 0.05, 0.05),
                new ModelContext(engine, F64, new int[] {7}, new MeanSquaredError(engine), 5));
        Tensor x = batch(6, 7, 8);
        LossReport r = sparse.trainStep(x, x);
        assertEquals(List.of("mse", "sparsity", "weight_decay"), List.copyOf(r.terms().keySet()));
        assertEquals(r.terms().get("mse") + r.terms().get("sparsity") + r.terms().get("weight_decay"), r.total(), 1e-12);
        for (Parameter p : sparse.parameters()) {
            GradientCheck.assertGradient(p.name(), engine, p.value(), p.gradient().toDoubleArray(),
                    () -> sparse.evaluate(x, x).total(), 30);
        }
        sparse.close();
    }

    @Test
    void withoutWeightDecayThereIsNoWeightDecayTerm() {
        Model ae = new AutoencoderProvider().create(new AutoencoderConfig(List.of(), 3, "relu", "identity", "sigmoid", 0),
                new ModelContext(engine, F64, new int[] {5}, new MeanSquaredError(engine), 1));
        Tensor x = batch(2, 5, 1);
        assertEquals(List.of("mse"), List.copyOf(ae.trainStep(x, x).terms().keySet()));
        Autoencoder cae = model(3, "sigmoid", 0, 0, 5);
        assertEquals(List.of("mse", "contractive"), List.copyOf(cae.evaluate(x, x).terms().keySet()));
        assertEquals(0, cae.evaluate(x, x).terms().get("contractive"), "lambda 0: a plain autoencoder");
        ae.close();
        cae.close();
    }

    @Test
    void stepsAfterTheFirstAllocateNothing() {
        CountingEngine counter = new CountingEngine(engine);
        Engine counting = counter.engine();
        Model cae = provider.create(new ContractiveAutoencoderConfig(32, "sigmoid", 0.1, "sigmoid", 0.01),
                new ModelContext(counting, DType.FLOAT32, new int[] {1, 6, 6}, new MeanSquaredError(counting), 1));
        Tensor batch = engine.zeros(DType.FLOAT32, 16, 36);
        engine.random(2).fillUniform(batch, 0, 1);
        cae.trainStep(batch, batch);
        cae.evaluate(batch, batch);
        int afterFirst = counter.allocations();
        for (int i = 0; i < 3; i++) {
            cae.trainStep(batch, batch);
            cae.evaluate(batch, batch);
        }
        assertEquals(afterFirst, counter.allocations(), "steps after the first reuse their buffers");
        cae.close();
    }

    @Test
    void onlySigmoidAndTanhCodesAreAccepted() {
        ConfigException e = assertThrows(ConfigException.class, () ->
                new ContractiveAutoencoderConfig(64, "relu", 0.1, "sigmoid", 0));
        assertEquals("activation must be one of sigmoid, tanh, found 'relu'", e.getMessage());
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class, () ->
                new ContractivePenalty(engine, F64, model(2, "tanh", 0, 0, 3).parameters().get(0), Activation.RELU, 1));
        assertEquals("the contractive penalty needs a sigmoid or tanh encoder, found RELU", direct.getMessage());
    }

    @Test
    void negativeWeightsAreRejected() {
        ConfigException lambda = assertThrows(ConfigException.class, () ->
                new ContractiveAutoencoderConfig(64, "sigmoid", -0.1, "sigmoid", 0));
        assertEquals("lambda must be >= 0, found -0.1", lambda.getMessage());
        ConfigException all = assertThrows(ConfigException.class, () ->
                new ContractiveAutoencoderConfig(0, "softplus", -1, "swish", -0.5));
        assertEquals(List.of("code must be > 0, found 0",
                        "activation must be one of sigmoid, tanh, found 'softplus'", "lambda must be >= 0, found -1",
                        "outputActivation must be one of identity, relu, sigmoid, tanh, softplus, found 'swish'",
                        "weightDecay must be >= 0, found -0.5"),
                all.problems().stream().map(Object::toString).toList());
        String decay = "weightDecay must be >= 0, found -0.01";
        assertEquals(decay, assertThrows(ConfigException.class, () ->
                new AutoencoderConfig(List.of(), 3, "relu", "identity", "sigmoid", -0.01)).getMessage());
        assertEquals(decay, assertThrows(ConfigException.class, () -> new SparseAutoencoderConfig(List.of(), 3,
                "relu", "sigmoid", "sigmoid", "kl", 0.1, 0.05, -0.01)).getMessage());
        assertEquals(decay, assertThrows(ConfigException.class, () -> new ConvAutoencoderConfig(List.of(2), 3,
                List.of(2), List.of(1), 4, 3, 0, "sigmoid", -0.01, false)).getMessage());
    }

    @Test
    void aSigmoidOutputWithALogitLossIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> model(
                new ContractiveAutoencoderConfig(4, "sigmoid", 0.1, "sigmoid", 0), new BinaryCrossEntropy(engine), F64, 6, 1));
        assertEquals("outputActivation must be identity with loss 'bce', which applies sigmoid itself; found sigmoid",
                e.getMessage());
    }

    /**
     * On real digits, the contractive penalty makes the encoder far less sensitive to its input
     * than the same autoencoder without it (lambda 0), while the reconstruction still improves.
     */
    @Test
    void onMnistTheCaeContractsWhereAPlainAutoencoderDoesNot() {
        DType dtype = DType.FLOAT32;
        int batchSize = 32;
        List<Tensor> batches = new ArrayList<>();
        double[] train = MnistSubset.images("train", 1024);
        for (int b = 0; b < 1024 / batchSize; b++) {
            batches.add(engine.fromArray(java.util.Arrays.copyOfRange(train, b * batchSize * 784,
                    (b + 1) * batchSize * 784), dtype, batchSize, 784));
        }
        Tensor heldOut = engine.fromArray(MnistSubset.images("t10k", 300), dtype, 300, 784);
        double[] plain = trainOnDigits(0, batches, heldOut);
        double[] contractive = trainOnDigits(0.003, batches, heldOut);
        String figures = "plain: mse " + plain[0] + " -> " + plain[1] + ", ||J||^2 " + plain[2] + " -> " + plain[3]
                + "; contractive: mse " + contractive[0] + " -> " + contractive[1] + ", ||J||^2 " + contractive[2]
                + " -> " + contractive[3];
        assertTrue(contractive[3] < 0.5 * plain[3], "the CAE contracts: " + figures);
        assertTrue(contractive[1] < 0.5 * contractive[0], "its reconstruction still improves: " + figures);
        assertTrue(contractive[1] < 1.2 * plain[1], "and stays close to the plain one's: " + figures);
        batches.forEach(Tensor::close);
        heldOut.close();
    }

    /**
     * Trains a 784-64-784 sigmoid CAE with Adam (engine.adamMoments, learning rate 0.01) for 100
     * steps of 32 digits; returns the held-out MSE before and after, and the held-out mean
     * ||J_f(x)||_F^2 before and after.
     */
    private double[] trainOnDigits(double lambda, List<Tensor> batches, Tensor heldOut) {
        DType dtype = heldOut.dtype();
        Autoencoder cae = model(new ContractiveAutoencoderConfig(64, "sigmoid", lambda, "sigmoid", 0),
                new MeanSquaredError(engine), dtype, 784, 42);
        Parameter weight = cae.parameters().get(0);
        try (ContractivePenalty jacobian = new ContractivePenalty(engine, dtype, weight, Activation.SIGMOID, 1)) {
            double[] figures = new double[4];
            figures[0] = cae.evaluate(heldOut, heldOut).terms().get("mse");
            figures[2] = jacobian.value(cae.encode(heldOut));
            List<Tensor> moments = new ArrayList<>();
            for (Parameter p : cae.parameters()) {
                moments.add(engine.zeros(dtype, p.value().shape()));
                moments.add(engine.zeros(dtype, p.value().shape()));
            }
            for (int step = 1; step <= 100; step++) {
                Tensor x = batches.get(step % batches.size());
                cae.trainStep(x, x);
                for (int i = 0; i < cae.parameters().size(); i++) {
                    Parameter p = cae.parameters().get(i);
                    engine.adamMoments(p.gradient(), moments.get(2 * i), moments.get(2 * i + 1), 0.9, 0.999, 1e-8, step);
                    engine.axpy(-0.01, p.gradient(), p.value());
                }
            }
            figures[1] = cae.evaluate(heldOut, heldOut).terms().get("mse");
            figures[3] = jacobian.value(cae.encode(heldOut));
            moments.forEach(Tensor::close);
            cae.close();
            return figures;
        }
    }
}
