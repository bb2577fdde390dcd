package dev.latent.models.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.models.CountingEngine;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.MeanSquaredError;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A training step allocates no long-lived tensor once its buffers exist: the engine is wrapped
 * in a proxy that counts {@code zeros} and {@code fromArray} calls.
 */
class AllocationTest {

    @Test
    void stepsAfterTheFirstAllocateNothing() {
        Engine real = TestEngine.cpu();
        CountingEngine counter = new CountingEngine(real);
        Engine counting = counter.engine();
        Model ae = new AutoencoderProvider().create(new AutoencoderConfig(List.of(64, 16), 8, "relu", "identity", "sigmoid", 0),
                new ModelContext(counting, DType.FLOAT32, new int[] {1, 10, 10}, new MeanSquaredError(counting), 1));
        Tensor batch = real.zeros(DType.FLOAT32, 32, 100);
        real.random(2).fillUniform(batch, 0, 1);
        int afterInit = counter.allocations();
        ae.trainStep(batch, batch);
        int afterFirst = counter.allocations();
        assertTrue(afterFirst > afterInit, "the first step allocates its buffers");
        for (int i = 0; i < 3; i++) {
            ae.trainStep(batch, batch);
            ae.evaluate(batch, batch);
        }
        ae.trainStep(batch, batch);
        assertEquals(afterFirst, counter.allocations(), "steps after the first reuse their buffers");
    }
}
