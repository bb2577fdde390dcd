package dev.latent.models.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The image layers (Conv2d, ConvTranspose2d, AvgPool2d, AvgUnpool2d, MaxPool2d, MaxUnpool2d):
 * float64 finite-difference gradient checks, shapes and sizes, errors, and a convolutional
 * encoder-decoder chain (their curvature is checked in {@link CurvatureTest}).
 */
class ConvLayerTest {

    private static final DType F64 = DType.FLOAT64;
    /** Kernel 3, stride 2, padding 1: 5x5 -> 3x3. */
    private static final ConvGeometry DOWN = ConvGeometry.of(3, 2, 1);
    /** Its transpose with output padding 1: 3x3 -> 6x6 (and 4x4 -> 8x8). */
    private static final ConvGeometry UP = DOWN.withOutputPadding(1);
    private final Engine engine = TestEngine.cpu();

    /** Checks layer.backward against d/d(.) of L = sum(R * layer(x)) for a fixed random R. */
    private void check(Layer layer, int batch, int in, long seed) {
        RandomStream random = engine.random(seed);
        Tensor x = engine.zeros(F64, batch, in);
        random.fillGaussian(x, 0, 1);
        int out = layer.outputSize(in);
        Tensor r = engine.zeros(F64, batch, out);
        random.fillGaussian(r, 0, 1);
        DoubleSupplier loss = () -> engine.dot(r, layer.forward(x, true));

        layer.forward(x, true);
        double[] gradX = layer.backward(r, true).toDoubleArray();
        List<Parameter> params = layer.parameters();
        List<double[]> gradParams = params.stream().map(p -> p.gradient().toDoubleArray()).toList();

        GradientCheck.assertGradient(layer + " input", engine, x, gradX, loss, 40);
        for (int i = 0; i < params.size(); i++) {
            GradientCheck.assertGradient(params.get(i).name(), engine, params.get(i).value(), gradParams.get(i), loss, 40);
        }
    }

    /** The CPU engine, except that it shares no memory between shapes (as an engine may). */
    private Engine withoutViews() {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("view")) {
                        return Optional.empty();
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void withoutViewsTheImageLayersCopyAndAgree() {
        Conv2d viewing = new Conv2d("conv", 2, 3, 5, 5, DOWN, engine, F64, engine.random(7));
        Conv2d copying = new Conv2d("conv", 2, 3, 5, 5, DOWN, withoutViews(), F64, engine.random(7));
        RandomStream random = engine.random(8);
        Tensor x = engine.zeros(F64, 4, 50);
        random.fillGaussian(x, 0, 1);
        Tensor r = engine.zeros(F64, 4, 27);
        random.fillGaussian(r, 0, 1);
        Tensor viewed = viewing.forward(x, true);
        Tensor copied = copying.forward(x, true);
        assertArrayEquals(new int[] {4, 27}, copied.shape());
        assertArrayEquals(viewed.toDoubleArray(), copied.toDoubleArray(), 0);
        assertArrayEquals(viewing.backward(r, true).toDoubleArray(), copying.backward(r, true).toDoubleArray(), 0);
        assertArrayEquals(viewing.parameters().get(0).gradient().toDoubleArray(),
                copying.parameters().get(0).gradient().toDoubleArray(), 0);
        engine.scale(x, 2, x);
        assertArrayEquals(viewing.forward(x, true).toDoubleArray(), copying.forward(x, true).toDoubleArray(), 0);
    }

    @Test
    void conv2dGradients() {
        Conv2d conv = new Conv2d("conv", 2, 3, 5, 5, DOWN, engine, F64, engine.random(1));
        assertEquals(3, conv.outputChannels());
        assertEquals(3, conv.outputHeight());
        assertEquals(3, conv.outputWidth());
        assertEquals(27, conv.outputSize(50));
        assertArrayEquals(new int[] {3, 2, 3, 3}, conv.weight().value().shape());
        assertArrayEquals(new int[] {3}, conv.bias().value().shape());
        assertEquals(List.of("conv.weight", "conv.bias"), conv.parameters().stream().map(Parameter::name).toList());
        check(conv, 2, 50, 11);
    }

    @Test
    void convTranspose2dGradients() {
        ConvTranspose2d deconv = new ConvTranspose2d("deconv", 2, 3, 3, 3, UP, engine, F64, engine.random(2));
        assertEquals(3, deconv.outputChannels());
        assertEquals(6, deconv.outputHeight());
        assertEquals(6, deconv.outputWidth());
        assertEquals(108, deconv.outputSize(18));
        assertArrayEquals(new int[] {2, 3, 3, 3}, deconv.weight().value().shape());
        assertArrayEquals(new int[] {3}, deconv.bias().value().shape());
        check(deconv, 2, 18, 12);
    }

    @Test
    void avgPool2dGradient() {
        AvgPool2d pool = new AvgPool2d(2, 5, 5, DOWN, engine, F64);
        assertEquals(18, pool.outputSize(50));
        assertEquals(List.of(), pool.parameters());
        check(pool, 2, 50, 13);
    }

    @Test
    void avgUnpool2dGradient() {
        AvgUnpool2d unpool = new AvgUnpool2d(2, 3, 3, UP, engine, F64);
        assertEquals(72, unpool.outputSize(18));
        check(unpool, 2, 18, 14);
    }

    @Test
    void rectangularImagesAndNonSquareGeometry() {
        ConvGeometry g = new ConvGeometry(3, 2, 2, 1, 1, 0, 0, 0);
        Conv2d conv = new Conv2d("rect", 2, 2, 5, 4, g, engine, F64, engine.random(3));
        assertEquals(3, conv.outputHeight());
        assertEquals(3, conv.outputWidth());
        check(conv, 3, 40, 15);
    }

    @Test
    void encoderDecoderChainRestoresTheInputSize() {
        RandomStream init = engine.random(4);
        Conv2d encoder = new Conv2d("enc", 1, 4, 8, 8, DOWN, engine, F64, init);
        assertEquals(List.of(4, 4, 4), List.of(encoder.outputChannels(), encoder.outputHeight(), encoder.outputWidth()));
        ConvTranspose2d decoder = new ConvTranspose2d("dec", encoder.outputChannels(), 1, encoder.outputHeight(),
                encoder.outputWidth(), UP, engine, F64, init);
        Layer net = new Sequential(List.of(
                encoder,
                new ActivationLayer(Activation.RELU, engine, F64, encoder.outputSize()),
                decoder));
        assertEquals(64, net.outputSize(64));
        assertEquals(List.of(1, 8, 8), List.of(decoder.outputChannels(), decoder.outputHeight(), decoder.outputWidth()));
        assertEquals(4, net.parameters().size());
        check(net, 2, 64, 16);
    }

    @Test
    void firstLayerSkipsTheInputGradientButFillsTheParameterGradients() {
        Conv2d conv = new Conv2d("conv", 2, 3, 5, 5, DOWN, engine, F64, engine.random(5));
        Tensor x = engine.zeros(F64, 2, 50);
        Tensor g = engine.zeros(F64, 2, 27);
        engine.random(6).fillGaussian(x, 0, 1);
        engine.random(7).fillGaussian(g, 0, 1);
        conv.forward(x, true);
        conv.backward(g, true);
        double[] weightGradient = conv.weight().gradient().toDoubleArray();
        double[] biasGradient = conv.bias().gradient().toDoubleArray();
        engine.fill(conv.weight().gradient(), 0);
        engine.fill(conv.bias().gradient(), 0);
        conv.forward(x, true);
        assertNull(conv.backward(g, false));
        assertArrayEquals(weightGradient, conv.weight().gradient().toDoubleArray(), 1e-12);
        assertArrayEquals(biasGradient, conv.bias().gradient().toDoubleArray(), 1e-12);
        AvgPool2d pool = new AvgPool2d(2, 5, 5, DOWN, engine, F64);
        pool.forward(x, true);
        assertNull(pool.backward(engine.zeros(F64, 2, 18), false));
    }

    @Test
    void batchSizesMayChangeBetweenCalls() {
        Conv2d conv = new Conv2d("conv", 1, 2, 5, 5, DOWN, engine, F64, engine.random(8));
        Tensor big = engine.zeros(F64, 3, 25);
        engine.random(9).fillGaussian(big, 0, 1);
        double[] all = conv.forward(big, false).toDoubleArray();
        Tensor one = engine.fromArray(java.util.Arrays.copyOfRange(big.toDoubleArray(), 25, 50), F64, 1, 25);
        double[] second = conv.forward(one, false).toDoubleArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 18, 36), second, 1e-12);
    }

    @Test
    void unpoolingWithKernelEqualToStrideIsNearestNeighbourUpsampling() {
        AvgUnpool2d unpool = new AvgUnpool2d(1, 2, 2, ConvGeometry.of(2, 2, 0), engine, F64);
        Tensor x = engine.fromArray(new double[] {1, 2, 3, 4}, F64, 1, 4);
        assertArrayEquals(new double[] {
            1, 1, 2, 2,
            1, 1, 2, 2,
            3, 3, 4, 4,
            3, 3, 4, 4}, unpool.forward(x, false).toDoubleArray(), 0);
        AvgPool2d pool = new AvgPool2d(1, 4, 4, ConvGeometry.of(2, 2, 0), engine, F64);
        assertArrayEquals(new double[] {1, 2, 3, 4}, pool.forward(unpool.forward(x, false), false).toDoubleArray(), 1e-12);
    }

    @Test
    void conv2dComputesTheCrossCorrelationWithBias() {
        // one channel, 3x3 input, 2x2 kernel, stride 1, no padding: out[i, j] = b + sum w[a, b'] x[i + a, j + b']
        Conv2d conv = new Conv2d("c", 1, 1, 3, 3, ConvGeometry.of(2, 1, 0), engine, F64, engine.random(10));
        engine.assign(conv.weight().value(), new double[] {1, 2, 3, 4});
        engine.assign(conv.bias().value(), new double[] {0.5});
        Tensor x = engine.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, F64, 1, 9);
        // (1 + 4 + 12 + 20) = 37, (2 + 6 + 15 + 24) = 47, (4 + 10 + 21 + 32) = 67, (5 + 12 + 24 + 36) = 77
        assertArrayEquals(new double[] {37.5, 47.5, 67.5, 77.5}, conv.forward(x, false).toDoubleArray(), 1e-12);
    }

    @Test
    void initialisationFollowsPyTorch() {
        Conv2d conv = new Conv2d("c", 3, 8, 6, 6, ConvGeometry.of(3, 1, 1), engine, F64, engine.random(11));
        assertWithinAndSpread(conv.weight().value(), 1 / Math.sqrt(3 * 9));
        assertWithinAndSpread(conv.bias().value(), 1 / Math.sqrt(3 * 9));
        // ConvTranspose2d: fan-in from weight.size(1) * kH * kW = outChannels * kH * kW
        ConvTranspose2d deconv = new ConvTranspose2d("d", 3, 8, 6, 6, ConvGeometry.of(3, 1, 1), engine, F64, engine.random(12));
        assertWithinAndSpread(deconv.weight().value(), 1 / Math.sqrt(8 * 9));
        assertWithinAndSpread(deconv.bias().value(), 1 / Math.sqrt(8 * 9));
    }

    private void assertWithinAndSpread(Tensor t, double bound) {
        double max = 0;
        for (double v : t.toDoubleArray()) {
            assertTrue(Math.abs(v) <= bound, v + " outside +-" + bound);
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > bound / 2, "values spread over the range, max |v| = " + max + " for bound " + bound);
    }

    @Test
    void sizeErrorsNameTheExpectedShape() {
        Conv2d conv = new Conv2d("conv", 2, 3, 5, 5, DOWN, engine, F64, engine.random(13));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.outputSize(49));
        assertEquals("Conv2d conv expects 50 inputs (2x5x5), found 49", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(engine.zeros(F64, 2, 25), true));
        assertEquals("Conv2d conv expects a [batch, 50] input (2x5x5 per row), found [2, 25]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(engine.zeros(F64, 2, 2, 5, 5), true));
        assertTrue(e.getMessage().contains("found [2, 2, 5, 5]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> conv.backward(engine.zeros(F64, 2, 27), true));
        conv.forward(engine.zeros(F64, 2, 50), true);
        e = assertThrows(IllegalArgumentException.class, () -> conv.backward(engine.zeros(F64, 3, 27), true));
        assertEquals("Conv2d conv expects an output gradient of shape [2, 27] (the last forward's batch), found [3, 27]",
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d("tiny", 1, 1, 2, 2, ConvGeometry.of(5, 1, 0), engine, F64, engine.random(14)));
        assertTrue(e.getMessage().startsWith("Conv2d tiny maps the input 1x2x2 to an empty output 1x-2x-2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d("zero", 0, 1, 2, 2, DOWN, engine, F64, engine.random(15)));
        assertTrue(e.getMessage().contains("needs positive channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AvgUnpool2d(2, 3, 3, UP, engine, F64).outputSize(17));
        assertEquals("AvgUnpool2d expects 18 inputs (2x3x3), found 17", e.getMessage());
    }

    // ---- max pooling and unpooling

    private Tensor randomImages(int batch, int size, long seed) {
        Tensor x = engine.zeros(F64, batch, size);
        engine.random(seed).fillGaussian(x, 0, 1);
        return x;
    }

    @Test
    void maxPool2dGradient() {
        // Gaussian inputs: no two values of a window tie, so the max is differentiable there
        MaxPool2d pool = new MaxPool2d(2, 5, 5, DOWN, engine, F64);
        assertEquals(18, pool.outputSize(50));
        assertEquals(List.of(), pool.parameters());
        assertNull(pool.indices());
        check(pool, 2, 50, 30);
        check(new MaxPool2d(2, 5, 4, new ConvGeometry(3, 2, 2, 1, 1, 1, 0, 0), engine, F64), 3, 40, 31);
    }

    @Test
    void maxUnpool2dGradientUsesThePoolsIndices() {
        MaxPool2d pool = new MaxPool2d(2, 5, 5, DOWN, engine, F64);
        MaxUnpool2d unpool = new MaxUnpool2d(pool);
        assertEquals(50, unpool.outputSize(18));
        assertEquals(List.of(2, 5, 5), List.of(unpool.outputChannels(), unpool.outputHeight(), unpool.outputWidth()));
        assertEquals(DOWN, unpool.geometry());
        pool.forward(randomImages(2, 50, 32), true);
        check(unpool, 2, 18, 33);
    }

    @Test
    void maxPoolExposesItsIndicesAndUnpoolingPutsTheMaximaBack() {
        // one 4x4 image, kernel 2, stride 2
        MaxPool2d pool = new MaxPool2d(1, 4, 4, ConvGeometry.of(2, 2, 0), engine, F64);
        Tensor x = engine.fromArray(new double[] {
            1, 5, 2, 0,
            3, 4, 8, 6,
            9, 2, 1, 1,
            0, 7, 3, 4}, F64, 1, 16);
        assertArrayEquals(new double[] {5, 8, 9, 4}, pool.forward(x, false).toDoubleArray(), 0);
        assertArrayEquals(new int[] {1, 1, 2, 2}, pool.indices().shape());
        assertArrayEquals(new double[] {1, 6, 8, 15}, pool.indices().toDoubleArray(), 0);
        MaxUnpool2d unpool = new MaxUnpool2d(pool);
        assertArrayEquals(new double[] {
            0, 5, 0, 0,
            0, 0, 8, 0,
            9, 0, 0, 0,
            0, 0, 0, 4}, unpool.forward(pool.forward(x, false), false).toDoubleArray(), 0);
        // the routes of the gradient, and of the curvature (the same)
        Tensor g = engine.fromArray(new double[] {1, 2, 3, 4}, F64, 1, 4);
        pool.forward(x, true);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 2, 0, 3, 0, 0, 0, 0, 0, 0, 4},
                pool.backward(g, true).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 2, 0, 3, 0, 0, 0, 0, 0, 0, 4},
                pool.backwardCurvature(g, true).toDoubleArray(), 0);
        Tensor gUp = engine.fromArray(java.util.stream.IntStream.rangeClosed(1, 16).asDoubleStream().toArray(), F64, 1, 16);
        unpool.forward(g, true);
        assertArrayEquals(new double[] {2, 7, 9, 16}, unpool.backward(gUp, true).toDoubleArray(), 0);
        assertArrayEquals(new double[] {2, 7, 9, 16}, unpool.backwardCurvature(gUp, true).toDoubleArray(), 0);
        assertNull(unpool.backward(gUp, false));
    }

    @Test
    void maxUnpoolNeedsThePoolsIndicesForItsBatch() {
        MaxPool2d pool = new MaxPool2d(2, 5, 5, DOWN, engine, F64);
        MaxUnpool2d unpool = new MaxUnpool2d(pool);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> unpool.forward(engine.zeros(F64, 2, 18), true));
        assertTrue(e.getMessage().contains("has not run forward"), e.getMessage());
        pool.forward(randomImages(3, 50, 34), true);
        e = assertThrows(IllegalStateException.class, () -> unpool.forward(engine.zeros(F64, 2, 18), true));
        assertEquals("MaxUnpool2d needs the indices of its MaxPool2d for a batch of 2: the pool's last forward had"
                + " a batch of 3", e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2d(1, 5, 5, ConvGeometry.of(2, 1, 2), engine, F64));
        assertTrue(bad.getMessage().contains("more than half the kernel"), bad.getMessage());
    }
}
