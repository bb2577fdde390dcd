package dev.latent.models.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.models.TestEngine;
import org.junit.jupiter.api.Test;

/** Inverted dropout: the kept fraction, the scaling, backward with the same mask, evaluation mode. */
class DropoutTest {

    private final Engine engine = TestEngine.cpu();

    @Test
    void trainingKeepsAFractionScaledUpAndBackwardUsesTheSameMask() {
        double p = 0.25;
        Dropout dropout = new Dropout(p, 1000, engine, DType.FLOAT64, engine.random(3));
        Tensor x = engine.zeros(DType.FLOAT64, 20, 1000);
        engine.random(4).fillUniform(x, 1, 2);
        double[] in = x.toDoubleArray();
        double[] out = dropout.forward(x, true).toDoubleArray();
        Tensor g = engine.zeros(DType.FLOAT64, 20, 1000);
        engine.random(5).fillGaussian(g, 0, 1);
        double[] gOut = g.toDoubleArray();
        double[] gIn = dropout.backward(g, true).toDoubleArray();
        double[] hIn = dropout.backwardCurvature(g, true).toDoubleArray();
        int kept = 0;
        for (int i = 0; i < in.length; i++) {
            double m = out[i] / in[i];                          // the mask times 1 / (1 - p): 0 or 4/3
            assertTrue(m == 0 || Math.abs(m - 1 / (1 - p)) < 1e-12, "element " + i + " scaled by " + m);
            kept += m == 0 ? 0 : 1;
            assertEquals(gOut[i] * m, gIn[i], 1e-12, "gradient " + i);
            assertEquals(gOut[i] * m * m, hIn[i], 1e-12, "curvature " + i);
        }
        assertEquals(1 - p, kept / (double) in.length, 0.01);
        double[] again = dropout.forward(x, true).toDoubleArray();
        assertTrue(!java.util.Arrays.equals(out, again), "a fresh mask for each forward");
    }

    @Test
    void evaluationIsTheIdentity() {
        Dropout dropout = new Dropout(0.5, 4, engine, DType.FLOAT32, engine.random(1));
        Tensor x = engine.fromArray(new double[] {1, 2, 3, 4}, DType.FLOAT32, 1, 4);
        assertSame(x, dropout.forward(x, false));
        assertSame(x, dropout.backward(x, true));
    }

    @Test
    void rateOutsideTheUnitIntervalIsRejected() {
        assertEquals("dropout rate must be in [0, 1), found 1.0", assertThrows(IllegalArgumentException.class,
                () -> new Dropout(1.0, 4, engine, DType.FLOAT32, engine.random(1))).getMessage());
    }
}
