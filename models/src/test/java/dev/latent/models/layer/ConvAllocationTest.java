package dev.latent.models.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.models.CountingEngine;
import dev.latent.models.TestEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Image layers allocate no long-lived tensor once their buffers exist, in forward, backward and
 * the curvature backward (whose temporaries come from scopes): the engine is wrapped in a proxy
 * that counts {@code zeros} and {@code fromArray} calls.
 */
class ConvAllocationTest {

    @Test
    void forwardBackwardAndCurvatureAfterTheFirstAllocateNothing() {
        Engine real = TestEngine.cpu();
        CountingEngine counter = new CountingEngine(real);
        Engine counting = counter.engine();
        ConvGeometry down = ConvGeometry.of(3, 2, 1);
        Conv2d conv = new Conv2d("conv", 1, 8, 10, 10, down, counting, DType.FLOAT32, real.random(1));
        MaxPool2d max = new MaxPool2d(8, 5, 5, ConvGeometry.of(2, 1, 0), counting, DType.FLOAT32);
        Layer net = new Sequential(List.of(
                conv,
                new AvgPool2d(8, 5, 5, ConvGeometry.of(2, 1, 0), counting, DType.FLOAT32),
                new AvgUnpool2d(8, 4, 4, ConvGeometry.of(2, 1, 0), counting, DType.FLOAT32),
                max,
                new MaxUnpool2d(max),
                new ConvTranspose2d("deconv", 8, 1, 5, 5, down.withOutputPadding(1), counting, DType.FLOAT32, real.random(2))));
        assertEquals(100, net.outputSize(100));
        Tensor batch = real.zeros(DType.FLOAT32, 16, 100);
        real.random(3).fillUniform(batch, 0, 1);
        Tensor gradient = real.zeros(DType.FLOAT32, 16, 100);
        real.random(4).fillGaussian(gradient, 0, 1);
        int afterInit = counter.allocations();
        net.forward(batch, true);
        net.backward(gradient, true);
        int afterFirst = counter.allocations();
        assertTrue(afterFirst > afterInit, "the first step allocates its buffers");
        for (int i = 0; i < 3; i++) {
            net.forward(batch, true);
            net.backward(gradient, true);
            net.forward(batch, true);
            net.backward(gradient, false);
            net.forward(batch, false);
            net.forward(batch, true);
            net.backwardCurvature(gradient, true);
        }
        assertEquals(afterFirst, counter.allocations(), "steps after the first reuse their buffers");
    }
}
