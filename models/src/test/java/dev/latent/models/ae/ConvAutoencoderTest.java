package dev.latent.models.ae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.Parameter;
import dev.latent.models.GradientCheck;
import dev.latent.models.CountingEngine;
import dev.latent.models.TestEngine;
import dev.latent.models.layer.Conv2d;
import dev.latent.models.layer.ConvTranspose2d;
import dev.latent.models.layer.Dropout;
import dev.latent.models.layer.Layer;
import dev.latent.models.layer.Sequential;
import dev.latent.models.loss.BinaryCrossEntropy;
import dev.latent.models.loss.MeanSquaredError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The convolutional autoencoder: its layers and sizes, gradients, dropout, errors and allocations. */
class ConvAutoencoderTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();
    private final ConvAutoencoderProvider provider = new ConvAutoencoderProvider();

    /** DESIGN.md's reference conv AE (the defaults) with the given output activation and dropout. */
    private static ConvAutoencoderConfig reference(double dropout, String outputActivation) {
        return new ConvAutoencoderConfig(List.of(8, 16, 32), 3, List.of(2, 2, 2), List.of(1, 1, 0), 64, 33,
                dropout, outputActivation, 0, false);
    }

    /** A small configuration: two convolutions with 2 and 3 channels, hidden 5, code 3. */
    private static ConvAutoencoderConfig small(double dropout, String outputActivation) {
        return new ConvAutoencoderConfig(List.of(2, 3), 3, List.of(2, 2), List.of(1, 1), 5, 3, dropout,
                outputActivation, 0, false);
    }

    private Autoencoder model(ConvAutoencoderConfig config, Loss loss, int... shape) {
        return (Autoencoder) provider.create(config, new ModelContext(engine, F64, shape, loss, 42));
    }

    private Tensor batch(int rows, int columns, long seed) {
        Tensor x = engine.zeros(F64, rows, columns);
        engine.random(seed).fillUniform(x, 0, 1);
        return x;
    }

    private static List<Layer> layers(Layer sequential) {
        return ((Sequential) sequential).layers();
    }

    @Test
    void providerNameAndDescription() {
        assertEquals("conv-ae", provider.name());
        assertEquals("convolutional autoencoder (Masci et al. 2011)", provider.description());
        assertEquals(ConvAutoencoderConfig.class, provider.configType());
    }

    @Test
    void mnistSizedLayersAndParametersFollowTheReferenceArchitecture() {
        Autoencoder ae = model(reference(0.012, "sigmoid"), new MeanSquaredError(engine), 1, 28, 28);
        List<String> names = ae.parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "encoder.3.weight", "encoder.3.bias",
                "encoder.6.weight", "encoder.6.bias", "encoder.9.weight", "encoder.9.bias",
                "encoder.12.weight", "encoder.12.bias",
                "decoder.0.weight", "decoder.0.bias", "decoder.2.weight", "decoder.2.bias",
                "decoder.4.weight", "decoder.4.bias", "decoder.6.weight", "decoder.6.bias",
                "decoder.8.weight", "decoder.8.bias"), names);
        int[][] shapes = {
            {8, 1, 3, 3}, {8}, {16, 8, 3, 3}, {16}, {32, 16, 3, 3}, {32}, {288, 64}, {64}, {64, 33}, {33},
            {33, 64}, {64}, {64, 288}, {288}, {32, 16, 3, 3}, {16}, {16, 8, 3, 3}, {8}, {8, 1, 3, 3}, {1},
        };
        for (int i = 0; i < shapes.length; i++) {
            assertArrayEquals(shapes[i], ae.parameters().get(i).value().shape(), names.get(i));
        }
        List<String> encoder = layers(ae.encoder()).stream().map(l -> l.getClass().getSimpleName()).toList();
        assertEquals(List.of("Conv2d", "ActivationLayer", "Dropout", "Conv2d", "ActivationLayer", "Dropout",
                "Conv2d", "ActivationLayer", "Dropout", "Linear", "ActivationLayer", "Dropout", "Linear"), encoder);
        List<String> decoder = layers(ae.decoder()).stream().map(l -> l.getClass().getSimpleName()).toList();
        assertEquals(List.of("Linear", "ActivationLayer", "Linear", "ActivationLayer", "ConvTranspose2d",
                "ActivationLayer", "ConvTranspose2d", "ActivationLayer", "ConvTranspose2d", "ActivationLayer"), decoder);
        assertEquals(List.of("1x28x28", "8x14x14", "16x7x7", "32x3x3"), convSizes(ae));
        assertEquals(List.of("32x3x3", "16x7x7", "8x14x14", "1x28x28"), deconvSizes(ae));
        List<ConvGeometry> up = layers(ae.decoder()).stream().filter(l -> l instanceof ConvTranspose2d)
                .map(l -> ((ConvTranspose2d) l).geometry()).toList();
        assertEquals(List.of(new ConvGeometry(3, 3, 2, 2, 0, 0, 0, 0), new ConvGeometry(3, 3, 2, 2, 1, 1, 1, 1),
                new ConvGeometry(3, 3, 2, 2, 1, 1, 1, 1)), up);
        assertEquals(33, ae.encoder().outputSize(784));
        Tensor x = batch(2, 784, 1);
        assertArrayEquals(new int[] {2, 33}, ae.encode(x).shape());
        assertArrayEquals(new int[] {2, 784}, ae.reconstruct(x).shape());
    }

    /** Each convolution's input size, then the last one's output size. */
    private static List<String> convSizes(Autoencoder ae) {
        List<String> sizes = new ArrayList<>();
        Conv2d last = null;
        for (Layer l : layers(ae.encoder())) {
            if (l instanceof Conv2d conv) {
                sizes.add(conv.inputChannels() + "x" + conv.inputHeight() + "x" + conv.inputWidth());
                last = conv;
            }
        }
        sizes.add(last.outputChannels() + "x" + last.outputHeight() + "x" + last.outputWidth());
        return sizes;
    }

    /** Each transposed convolution's input size, then the last one's output size. */
    private static List<String> deconvSizes(Autoencoder ae) {
        List<String> sizes = new ArrayList<>();
        ConvTranspose2d last = null;
        for (Layer l : layers(ae.decoder())) {
            if (l instanceof ConvTranspose2d deconv) {
                sizes.add(deconv.inputChannels() + "x" + deconv.inputHeight() + "x" + deconv.inputWidth());
                last = deconv;
            }
        }
        sizes.add(last.outputChannels() + "x" + last.outputHeight() + "x" + last.outputWidth());
        return sizes;
    }

    @Test
    void decoderSizesMirrorTheEncoderForOtherInputSizes() {
        record Case(ConvAutoencoderConfig config, int[] shape, List<String> sizes) {
        }
        List<Case> cases = List.of(
                new Case(reference(0, "sigmoid"), new int[] {1, 28, 28}, List.of("1x28x28", "8x14x14", "16x7x7", "32x3x3")),
                new Case(small(0, "sigmoid"), new int[] {1, 8, 8}, List.of("1x8x8", "2x4x4", "3x2x2")),
                new Case(small(0, "sigmoid"), new int[] {1, 12, 10}, List.of("1x12x10", "2x6x5", "3x3x3")),
                new Case(reference(0, "sigmoid"), new int[] {1, 12, 10}, List.of("1x12x10", "8x6x5", "16x3x3", "32x1x1")),
                new Case(reference(0, "sigmoid"), new int[] {3, 13, 11}, List.of("3x13x11", "8x7x6", "16x4x3", "32x1x1")));
        for (Case c : cases) {
            Autoencoder ae = model(c.config(), new MeanSquaredError(engine), c.shape());
            String what = Arrays.toString(c.shape());
            assertEquals(c.sizes(), convSizes(ae), what);
            List<String> mirrored = new ArrayList<>(c.sizes());
            java.util.Collections.reverse(mirrored);
            assertEquals(mirrored, deconvSizes(ae), what);
            int size = c.shape()[0] * c.shape()[1] * c.shape()[2];
            Tensor x = batch(3, size, 2);
            assertArrayEquals(new int[] {3, size}, ae.reconstruct(x).shape(), what);
            assertTrue(Double.isFinite(ae.trainStep(x, x).total()), what);
            ae.close();
        }
    }

    @Test
    void trainStepGradientsMatchFiniteDifferences() {
        for (Loss loss : List.of(new MeanSquaredError(engine), new BinaryCrossEntropy(engine))) {
            String out = loss instanceof BinaryCrossEntropy ? "identity" : "sigmoid";
            Model ae = model(small(0, out), loss, 1, 8, 8);
            Tensor x = batch(3, 64, 3);
            ae.trainStep(x, x);
            for (Parameter p : ae.parameters()) {
                GradientCheck.assertGradient(loss.name() + " " + p.name(), engine, p.value(),
                        p.gradient().toDoubleArray(), () -> ae.evaluate(x, x).total(), 20);
            }
        }
    }

    @Test
    void dropoutActsInTrainStepOnlyAndDrawsFromItsOwnStream() {
        Loss loss = new MeanSquaredError(engine);
        Autoencoder withDropout = model(small(0.5, "sigmoid"), loss, 1, 8, 8);
        Autoencoder without = model(small(0, "sigmoid"), loss, 1, 8, 8);
        assertEquals(3, layers(withDropout.encoder()).stream().filter(l -> l instanceof Dropout).count());
        // the masks come from a stream apart from the initialisation: same seed, same parameters
        for (int i = 0; i < without.parameters().size(); i++) {
            assertArrayEquals(without.parameters().get(i).value().toDoubleArray(),
                    withDropout.parameters().get(i).value().toDoubleArray(), 0, without.parameters().get(i).name());
        }
        Tensor x = batch(4, 64, 6);
        double clean = without.evaluate(x, x).total();
        assertEquals(clean, without.trainStep(x, x).total(), 1e-15, "no dropout: training loss = evaluation loss");
        assertEquals(clean, withDropout.evaluate(x, x).total(), 1e-15, "evaluation ignores dropout");
        assertEquals(clean, withDropout.evaluate(x, x).total(), 1e-15);
        double first = withDropout.trainStep(x, x).total();
        double second = withDropout.trainStep(x, x).total();
        assertNotEquals(clean, first, "training drops units");
        assertNotEquals(first, second, "a fresh mask for each step");
    }

    @Test
    void seedsMakeRunsRepeatable() {
        Loss loss = new MeanSquaredError(engine);
        Tensor x = batch(4, 64, 7);
        Model a = model(small(0.3, "sigmoid"), loss, 1, 8, 8);
        Model b = model(small(0.3, "sigmoid"), loss, 1, 8, 8);
        for (int i = 0; i < 3; i++) {
            assertEquals(a.trainStep(x, x).total(), b.trainStep(x, x).total(), 0, "step " + i);
        }
    }

    @Test
    void curvatureReachesEveryParameter() {
        Model ae = model(small(0, "sigmoid"), new MeanSquaredError(engine), 1, 8, 8);
        Tensor x = batch(2, 64, 8);
        ae.accumulateCurvature(x, x);
        for (Parameter p : ae.parameters()) {
            double[] h = p.curvature().toDoubleArray();
            assertTrue(Arrays.stream(h).allMatch(v -> v >= 0) && Arrays.stream(h).anyMatch(v -> v > 0), p.name());
        }
    }

    @Test
    void invalidConfigListsEveryProblem() {
        ConfigException e = assertThrows(ConfigException.class, () ->
                new ConvAutoencoderConfig(List.of(8, 0), 0, List.of(2), List.of(1, -1), 0, -3, 1.0, "swish", 0, false));
        assertEquals(List.of("kernel must be > 0, found 0", "channels[1] must be > 0, found 0",
                        "strides must have one entry per entry of channels (2), found 1",
                        "paddings[1] must be >= 0, found -1", "hidden must be > 0, found 0",
                        "dropout must be in [0, 1), found 1", "code must be > 0, found -3",
                        "outputActivation must be one of identity, relu, sigmoid, tanh, softplus, found 'swish'"),
                e.problems().stream().map(Object::toString).toList());
        ConfigException empty = assertThrows(ConfigException.class, () ->
                new ConvAutoencoderConfig(List.of(), 3, List.of(), List.of(), 64, 33, 0, "sigmoid", 0, false));
        assertEquals("channels must list at least one convolution", empty.getMessage());
    }

    @Test
    void inputsThatAreNotImagesAreRejected() {
        ConfigException e = assertThrows(ConfigException.class, () ->
                model(reference(0, "sigmoid"), new MeanSquaredError(engine), 784));
        assertEquals("name 'conv-ae' needs image samples of shape [channels, height, width]; the dataset gives"
                + " samples of shape [784]", e.getMessage());
    }

    @Test
    void inputsTooSmallForTheConvolutionsAreRejected() {
        ConfigException e = assertThrows(ConfigException.class, () ->
                model(reference(0, "sigmoid"), new MeanSquaredError(engine), 1, 4, 4));
        assertEquals("kernel is 3, larger than the 1x1 padded input of convolution 2 (16x1x1 with padding 0;"
                + " the samples are 1x4x4); use a kernel of at most 1, fewer convolutions or smaller strides",
                e.getMessage());
    }

    @Test
    void sigmoidOutputWithALogitLossIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () ->
                model(reference(0, "sigmoid"), new BinaryCrossEntropy(engine), 1, 28, 28));
        assertEquals("outputActivation must be identity with loss 'bce', which applies sigmoid itself; found sigmoid",
                e.getMessage());
    }

    @Test
    void reconstructionIsInDataSpaceForLogitLosses() {
        Model ae = model(small(0, "identity"), new BinaryCrossEntropy(engine), 1, 8, 8);
        double[] r = ae.reconstruct(batch(3, 64, 5)).toDoubleArray();
        assertTrue(Arrays.stream(r).allMatch(v -> v > 0 && v < 1), "sigmoid applied to logits");
    }

    @Test
    void stepsAfterTheFirstAllocateNothing() {
        Engine real = TestEngine.cpu();
        CountingEngine counter = new CountingEngine(real);
        Engine counting = counter.engine();
        Model ae = provider.create(reference(0.012, "sigmoid"),
                new ModelContext(counting, DType.FLOAT32, new int[] {1, 28, 28}, new MeanSquaredError(counting), 1));
        Tensor batch = real.zeros(DType.FLOAT32, 16, 784);
        real.random(2).fillUniform(batch, 0, 1);
        int afterInit = counter.allocations();
        ae.trainStep(batch, batch);
        ae.evaluate(batch, batch);
        ae.reconstruct(batch);
        int afterFirst = counter.allocations();
        assertTrue(afterFirst > afterInit, "the first step allocates its buffers");
        for (int i = 0; i < 3; i++) {
            ae.trainStep(batch, batch);
            ae.evaluate(batch, batch);
            ae.reconstruct(batch);
        }
        ae.trainStep(batch, batch);
        assertEquals(afterFirst, counter.allocations(), "steps after the first reuse their buffers");
    }
}
