package dev.latent.models.ae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.Parameter;
import dev.latent.models.CountingEngine;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import dev.latent.models.layer.Layer;
import dev.latent.models.layer.Sequential;
import dev.latent.models.loss.MeanSquaredError;
import dev.latent.models.vae.ConvVaeConfig;
import dev.latent.models.vae.ConvVaeProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conv AE and conv VAE with {@code batchNorm: true}: where the BatchNorm layers go, the
 * buffers' names, gradients through them, that parameters and buffers together are the whole
 * state evaluation needs, and allocations.
 */
class ConvBatchNormTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    private static ConvAutoencoderConfig reference(boolean batchNorm) {
        return new ConvAutoencoderConfig(List.of(8, 16, 32), 3, List.of(2, 2, 2), List.of(1, 1, 0), 64, 33, 0,
                "sigmoid", 0, batchNorm);
    }

    /** Three convolutions (the inner one normalised) on 8x8 images: 1x8x8 -> 2x4x4 -> 3x2x2 -> 2x1x1. */
    private static ConvAutoencoderConfig small() {
        return new ConvAutoencoderConfig(List.of(2, 3, 2), 3, List.of(2, 2, 2), List.of(1, 1, 1), 5, 3, 0,
                "sigmoid", 0, true);
    }

    private Autoencoder model(ConvAutoencoderConfig config, Engine e, DType dtype, int... shape) {
        return (Autoencoder) new ConvAutoencoderProvider().create(config,
                new ModelContext(e, dtype, shape, new MeanSquaredError(e), 42));
    }

    private Tensor batch(int rows, int columns, long seed) {
        Tensor x = engine.zeros(F64, rows, columns);
        engine.random(seed).fillUniform(x, 0, 1);
        return x;
    }

    private static List<String> classes(Layer sequential) {
        return ((Sequential) sequential).layers().stream().map(l -> l.getClass().getSimpleName()).toList();
    }

    @Test
    void batchNormFollowsTheInnerConvolutionsAsInThePyTorchTutorial() {
        Autoencoder ae = model(reference(true), engine, F64, 1, 28, 28);
        assertEquals(List.of("Conv2d", "ActivationLayer", "Dropout", "Conv2d", "BatchNorm", "ActivationLayer", "Dropout",
                "Conv2d", "ActivationLayer", "Dropout", "Linear", "ActivationLayer", "Dropout", "Linear"),
                classes(ae.encoder()));
        assertEquals(List.of("Linear", "ActivationLayer", "Linear", "ActivationLayer", "ConvTranspose2d", "BatchNorm",
                "ActivationLayer", "ConvTranspose2d", "BatchNorm", "ActivationLayer", "ConvTranspose2d",
                "ActivationLayer"), classes(ae.decoder()));
        Map<String, Tensor> buffers = ae.buffers();
        assertEquals(List.of("encoder.4.running_mean", "encoder.4.running_var", "decoder.5.running_mean",
                "decoder.5.running_var", "decoder.8.running_mean", "decoder.8.running_var"), List.copyOf(buffers.keySet()));
        assertArrayEquals(new int[] {16}, buffers.get("encoder.4.running_mean").shape());
        assertArrayEquals(new int[] {16}, buffers.get("decoder.5.running_var").shape());
        assertArrayEquals(new int[] {8}, buffers.get("decoder.8.running_var").shape());
        List<String> names = ae.parameters().stream().map(Parameter::name).toList();
        assertTrue(names.containsAll(List.of("encoder.4.weight", "encoder.4.bias", "decoder.5.weight", "decoder.8.bias")),
                names.toString());
        assertEquals(Map.of(), model(reference(false), engine, F64, 1, 28, 28).buffers(), "off: DESIGN.md's layers");
    }

    /** With dropout 0 the training loss is a function of the parameters alone (the batch statistics). */
    @Test
    void trainStepGradientsGoThroughTheBatchStatistics() {
        Model ae = model(small(), engine, F64, 1, 8, 8);
        Tensor x = batch(3, 64, 3);
        ae.trainStep(x, x);
        for (Parameter p : ae.parameters()) {
            GradientCheck.assertGradient(p.name(), engine, p.value(), p.gradient().toDoubleArray(),
                    () -> ae.trainStep(x, x).total(), 20);
        }
    }

    /**
     * Evaluation uses the running estimates: two models of the same seed evaluate alike once one
     * has the other's parameters and buffers, and differently with its parameters alone.
     */
    @Test
    void parametersAndBuffersAreTheWholeStateOfEvaluation() {
        Model trained = model(small(), engine, F64, 1, 8, 8);
        for (int i = 0; i < 3; i++) {
            trained.trainStep(batch(4, 64, 10 + i), batch(4, 64, 10 + i));
        }
        Tensor x = batch(5, 64, 20);
        double expected = trained.evaluate(x, x).total();
        assertNotEquals(expected, trained.trainStep(x, x).total(), "training normalises with the batch's statistics");
        expected = trained.evaluate(x, x).total();
        Model copy = model(small(), engine, F64, 1, 8, 8);
        for (int i = 0; i < copy.parameters().size(); i++) {
            engine.copy(trained.parameters().get(i).value(), copy.parameters().get(i).value());
        }
        assertNotEquals(expected, copy.evaluate(x, x).total(), "the running estimates differ");
        trained.buffers().forEach((name, t) -> engine.copy(t, copy.buffers().get(name)));
        assertEquals(expected, copy.evaluate(x, x).total(), 0);
    }

    @Test
    void theConvVaeTakesTheSameSetting() {
        var config = new ConvVaeConfig(List.of(2, 3, 2), 3, List.of(2, 2, 2), List.of(1, 1, 1), 5, 2, 0, "sigmoid", 1.0,
                true);
        Model vae = new ConvVaeProvider().create(config,
                new ModelContext(engine, F64, new int[] {1, 8, 8}, new MeanSquaredError(engine), 42));
        assertEquals(List.of("encoder.4.running_mean", "encoder.4.running_var", "decoder.5.running_mean",
                "decoder.5.running_var", "decoder.8.running_mean", "decoder.8.running_var"),
                List.copyOf(vae.buffers().keySet()));
        Tensor x = batch(3, 64, 4);
        assertTrue(Double.isFinite(vae.trainStep(x, x).total()));
    }

    @Test
    void stepsAfterTheFirstAllocateNothing() {
        CountingEngine counter = new CountingEngine(engine);
        Engine counting = counter.engine();
        Model ae = model(reference(true), counting, DType.FLOAT32, 1, 28, 28);
        Tensor x = engine.zeros(DType.FLOAT32, 16, 784);
        engine.random(2).fillUniform(x, 0, 1);
        int afterInit = counter.allocations();
        ae.trainStep(x, x);
        ae.evaluate(x, x);
        ae.reconstruct(x);
        int afterFirst = counter.allocations();
        assertTrue(afterFirst > afterInit, "the first step allocates its buffers");
        for (int i = 0; i < 3; i++) {
            ae.trainStep(x, x);
            ae.evaluate(x, x);
            ae.reconstruct(x);
        }
        assertEquals(afterFirst, counter.allocations(), "steps after the first reuse their buffers");
    }
}
