package dev.latent.launcher.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.SparseCoder;
import dev.latent.launcher.TestHome;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PsdInferenceTest {

    private static Engine engine;

    @BeforeAll
    static void engine() throws Exception {
        engine = TestHome.cpuEngine();
    }

    /** Encodes y as z~ = y and solves z* = 2 y: the relative error is exactly 1/2 for any data. */
    private static final class Doubling implements SparseCoder {
        final Map<Integer, Tensor> encoded = new HashMap<>();
        final Map<Integer, Tensor> solved = new HashMap<>();
        int solves;

        @Override
        public int codeSize() {
            return 2;
        }

        @Override
        public Tensor encode(Tensor input) {
            Tensor z = encoded.computeIfAbsent(input.rows(), b -> engine.zeros(DType.FLOAT64, b, 2));
            engine.copy(input, z);
            return z;
        }

        @Override
        public Tensor sparseCodes(Tensor input, boolean warmStart) {
            assertTrue(!warmStart, "inference is timed from zero, not from the encoder's codes");
            solves++;
            Tensor z = solved.computeIfAbsent(input.rows(), b -> engine.zeros(DType.FLOAT64, b, 2));
            engine.scale(input, 2, z);
            return z;
        }

        @Override
        public int lastIterations() {
            return solves;
        }
    }

    @Test
    void reportsTheRelativeCodeErrorOverTheWholeSplitAndTheShareOfZeroCodes() {
        // 5 samples in batches of 2 (the last one partial); 4 of the 10 code entries are 0
        DataSplit split = new DataSplit(new int[] {2}, new float[] {1, 0, 3, 4, 0, 0, -2, 5, 0, 7}, new int[0]);
        Doubling coder = new Doubling();
        PsdInference r = PsdInference.measure(engine, DType.FLOAT64, coder, split, 2, 3);
        assertEquals(5, r.samples());
        assertEquals(0.5, r.relativeError(), 1e-12);
        assertEquals(0.4, r.zeroCodes(), 1e-12);
        // the error pass's solves report 1, 2 and 3 iterations
        assertEquals(2, r.iterations(), 1e-12);
        // one pass for the error, then the timed rounds (each at least one pass) of 3 batches each; a
        // pass this fast is repeated until a round lasts PsdInference.MIN_ROUND_SECONDS
        assertTrue(coder.solves > 12 && coder.solves % 3 == 0, "solves: " + coder.solves);
        assertTrue(r.encoderSeconds() > 0 && r.solverSeconds() > 0, r.toString());
        assertEquals(r.solverSeconds() / r.encoderSeconds(), r.speedRatio(), 1e-12);
    }
}
