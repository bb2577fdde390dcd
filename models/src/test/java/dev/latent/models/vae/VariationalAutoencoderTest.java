package dev.latent.models.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.Parameter;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import dev.latent.models.layer.Linear;
import dev.latent.models.layer.Sequential;
import dev.latent.models.layer.ActivationLayer;
import dev.latent.models.loss.BinaryCrossEntropy;
import dev.latent.models.loss.GaussianKl;
import dev.latent.models.loss.MeanSquaredError;
import dev.latent.api.engine.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariationalAutoencoderTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    /** A stream whose Gaussian draws are always the same numbers, so that the loss is a function. */
    private record FixedDraws(Engine engine, double[] values) implements RandomStream {
        @Override
        public void fillUniform(Tensor out, double low, double high) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void fillGaussian(Tensor out, double mean, double std) {
            double[] v = new double[(int) out.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = mean + std * values[i % values.length];
            }
            engine.assign(out, v);
        }

        @Override
        public void fillBernoulli(Tensor out, double p) {
            throw new UnsupportedOperationException();
        }
    }

    private Tensor batch(int rows, int columns, long seed) {
        Tensor x = engine.zeros(F64, rows, columns);
        engine.random(seed).fillUniform(x, 0, 1);
        return x;
    }

    private VariationalAutoencoder small(double beta, RandomStream draws, boolean logits) {
        RandomStream init = engine.random(5);
        var trunk = new Sequential(List.of(new Linear("encoder.0", 6, 5, engine, F64, init),
                new ActivationLayer(Activation.TANH, engine, F64, 5)));
        var mu = new Linear("mu", 5, 3, engine, F64, init);
        var logVar = new Linear("logvar", 5, 3, engine, F64, init);
        var decoder = new Sequential(List.of(new Linear("decoder.0", 3, 6, engine, F64, init),
                new ActivationLayer(logits ? Activation.IDENTITY : Activation.SIGMOID, engine, F64, 6)));
        var loss = logits ? new BinaryCrossEntropy(engine) : new MeanSquaredError(engine);
        return new VariationalAutoencoder(engine, F64, trunk, mu, logVar, decoder, loss, 6, beta, draws);
    }

    @Test
    void trainStepGradientsMatchFiniteDifferencesWithTheDrawsHeldFixed() {
        RandomStream draws = new FixedDraws(engine, new double[] {0.3, -1.2, 0.7, 2.0, -0.4});
        for (boolean logits : new boolean[] {false, true}) {
            try (VariationalAutoencoder vae = small(0.7, draws, logits)) {
                Tensor x = batch(4, 6, 9);
                LossReport report = vae.trainStep(x, x);
                assertTrue(report.terms().get("kl") > 1e-3, report::toString);
                for (Parameter p : vae.parameters()) {
                    GradientCheck.assertGradient((logits ? "bce " : "mse ") + p.name(), engine, p.value(),
                            p.gradient().toDoubleArray(), () -> vae.trainStep(x, x).total(), 40);
                }
            }
        }
    }

    @Test
    void reportHasTheReconstructionPerValueSummedAndTheKl() {
        try (VariationalAutoencoder vae = small(0.5, engine.random(1), false)) {
            Tensor x = batch(4, 6, 2);
            LossReport r = vae.evaluate(x, x);
            assertEquals(List.of("mse", "reconstruction", "kl"), List.copyOf(r.terms().keySet()));
            assertEquals(6 * r.terms().get("mse"), r.terms().get("reconstruction"), 1e-12);
            assertEquals(r.terms().get("reconstruction") + 0.5 * r.terms().get("kl"), r.total(), 1e-12);
            // evaluation decodes from mu: the same as the MSE of reconstruct, with no sampling
            double mse = engine.squaredDistance(vae.reconstruct(x), x) / x.size();
            assertEquals(mse, r.terms().get("mse"), 1e-12);
            assertEquals(r, vae.evaluate(x, x), "evaluation draws nothing");
        }
    }

    @Test
    void klMatchesTheClosedFormAndIsZeroAtThePrior() {
        double[] mu = {0.5, -1.0, 0.0, 2.0};
        double[] logVar = {0.0, 0.3, -0.7, 1.1};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected += -0.5 * (1 + logVar[i] - mu[i] * mu[i] - Math.exp(logVar[i]));
        }
        try (GaussianKl kl = new GaussianKl(engine, F64, 2)) {
            Tensor m = engine.fromArray(mu, F64, 2, 2);
            Tensor v = engine.fromArray(logVar, F64, 2, 2);
            assertEquals(expected / 2, kl.value(m, v), 1e-12);
            Tensor gm = engine.zeros(F64, 2, 2);
            Tensor gv = engine.zeros(F64, 2, 2);
            assertEquals(expected / 2, kl.addGradient(m, v, 3.0, gm, gv), 1e-12);
            assertArrayEquals(new double[] {0.75, -1.5, 0, 3}, gm.toDoubleArray(), 1e-12);
            assertEquals(3.0 * (Math.exp(1.1) - 1) / 4, gv.toDoubleArray()[3], 1e-12);
            assertEquals(0, kl.value(engine.zeros(F64, 2, 2), engine.zeros(F64, 2, 2)), 0);
        }
    }

    @Test
    void trainingSamplesFreshNoiseAndSamplingIsSeeded() {
        try (VariationalAutoencoder vae = small(1, engine.random(1), false)) {
            Tensor x = batch(4, 6, 2);
            assertNotEquals(vae.trainStep(x, x).total(), vae.trainStep(x, x).total());
            double[] a = vae.sample(3, engine.random(11)).toDoubleArray();
            double[] b = vae.sample(3, engine.random(11)).toDoubleArray();
            assertArrayEquals(a, b);
            assertEquals(18, a.length);
            for (double v : a) {
                assertTrue(v > 0 && v < 1, "samples are in data space (after the sigmoid): " + v);
            }
        }
    }

    @Test
    void providerBuildsTheMirroredNetworkAndRejectsBadSettings() {
        var context = new ModelContext(engine, F64, new int[] {1, 4, 4}, new MeanSquaredError(engine), 3);
        try (var vae = (VariationalAutoencoder) new VaeProvider().create(
                new VaeConfig(List.of(8, 6), 2, "relu", "sigmoid", 1.0), context)) {
            assertEquals(2, vae.latentSize());
            assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias",
                    "mu.weight", "mu.bias", "logvar.weight", "logvar.bias", "decoder.0.weight", "decoder.0.bias",
                    "decoder.2.weight", "decoder.2.bias", "decoder.4.weight", "decoder.4.bias"),
                    vae.parameters().stream().map(Parameter::name).toList());
        }
        ConfigException latent = assertThrows(ConfigException.class,
                () -> new VaeConfig(List.of(8), 0, "relu", "sigmoid", 1.0));
        assertEquals("latent must be > 0, found 0", latent.problems().get(0).path() + " " + latent.problems().get(0).message());
        ConfigException beta = assertThrows(ConfigException.class,
                () -> new VaeConfig(List.of(8), 2, "relu", "sigmoid", -1));
        assertEquals("beta must be >= 0, found -1", beta.problems().get(0).path() + " " + beta.problems().get(0).message());
    }

    @Test
    void convVaeHasTheConvTrunkTwoHeadsAndTheConvDecoder() {
        var context = new ModelContext(engine, F64, new int[] {1, 8, 8}, new MeanSquaredError(engine), 3);
        var config = new ConvVaeConfig(List.of(2, 3), 3, List.of(2, 2), List.of(1, 1), 5, 2, 0, "sigmoid", 1.0, false);
        try (var vae = (VariationalAutoencoder) new ConvVaeProvider().create(config, context)) {
            assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "encoder.3.weight", "encoder.3.bias",
                    "encoder.6.weight", "encoder.6.bias", "mu.weight", "mu.bias", "logvar.weight", "logvar.bias",
                    "decoder.0.weight", "decoder.0.bias", "decoder.2.weight", "decoder.2.bias", "decoder.4.weight",
                    "decoder.4.bias", "decoder.6.weight", "decoder.6.bias"),
                    vae.parameters().stream().map(Parameter::name).toList());
            Tensor x = batch(3, 64, 4);
            LossReport before = vae.evaluate(x, x);
            assertTrue(before.terms().get("kl") > 0, before::toString);
            assertArrayEquals(new int[] {5, 64}, vae.sample(5, engine.random(1)).shape());
        }
        ConfigException bad = assertThrows(ConfigException.class, () -> new ConvVaeConfig(List.of(2), 3, List.of(2, 2),
                List.of(1), 5, 0, 0, "sigmoid", 1.0, false));
        assertEquals(List.of("strides must have one entry per entry of channels (1), found 2", "latent must be > 0, found 0"),
                bad.problems().stream().map(Object::toString).toList());
    }
}
