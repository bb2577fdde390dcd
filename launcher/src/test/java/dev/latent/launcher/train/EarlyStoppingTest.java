package dev.latent.launcher.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.launcher.TestHome;
import dev.latent.launcher.config.EarlyStoppingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Early stopping on scripted sequences of monitored values, with real parameters and a buffer (as
 * a batch normalisation's running mean): before each epoch's observation every parameter and the
 * buffer are filled with the epoch's number, so that the values after {@link EarlyStopping#finish}
 * say which epoch's snapshot was restored.
 */
class EarlyStoppingTest {

    private static Engine engine;
    private final List<Tensor> tensors = new ArrayList<>();
    private List<Parameter> parameters;
    private Map<String, Tensor> buffers;

    @BeforeAll
    static void startCpuEngine() throws Exception {
        engine = TestHome.cpuEngine();
    }

    @BeforeEach
    void makeParameters() {
        parameters = List.of(parameter("w", 3, 2), parameter("b", 2));
        Tensor runningMean = engine.zeros(DType.FLOAT32, 2);
        tensors.add(runningMean);
        buffers = Map.of("bn.running_mean", runningMean);
    }

    @AfterEach
    void closeTensors() {
        tensors.forEach(Tensor::close);
    }

    private Parameter parameter(String name, int... shape) {
        Tensor value = engine.zeros(DType.FLOAT64, shape);
        Tensor gradient = engine.zeros(DType.FLOAT64, shape);
        Tensor curvature = engine.zeros(DType.FLOAT64, shape);
        tensors.addAll(List.of(value, gradient, curvature));
        return new Parameter(name, value, gradient, curvature);
    }

    /** Runs the epochs of {@code values} until early stopping says stop; returns the epochs run. */
    private int run(EarlyStopping stopping, double... values) {
        for (int epoch = 1; epoch <= values.length; epoch++) {
            for (Parameter p : parameters) {
                engine.fill(p.value(), epoch);
            }
            engine.fill(buffers.get("bn.running_mean"), epoch);
            if (stopping.observe(epoch, values[epoch - 1])) {
                return epoch;
            }
        }
        return values.length;
    }

    /** The epoch whose values the parameters hold now. */
    private double heldEpoch() {
        double[] w = parameters.get(0).value().toDoubleArray();
        double[] b = parameters.get(1).value().toDoubleArray();
        double[] expectedW = new double[w.length];
        double[] expectedB = new double[b.length];
        java.util.Arrays.fill(expectedW, w[0]);
        java.util.Arrays.fill(expectedB, w[0]);
        assertArrayEquals(expectedW, w);
        assertArrayEquals(expectedB, b, "every parameter comes from the same epoch");
        assertArrayEquals(new double[] {w[0], w[0]}, buffers.get("bn.running_mean").toDoubleArray(),
                "and so does the buffer");
        return w[0];
    }

    private static EarlyStoppingConfig config(int patience, double minDelta, boolean restoreBest) {
        return new EarlyStoppingConfig(patience, minDelta, "validation_loss", restoreBest);
    }

    @Test
    void stopsWhenPatienceRunsOutAndRestoresTheBestEpoch() {
        try (EarlyStopping stopping = new EarlyStopping(engine, parameters, buffers, config(3, 0, true), 10)) {
            assertEquals(7, run(stopping, 0.05, 0.03, 0.04, 0.02341, 0.025, 0.03, 0.024, 0.01, 0.01, 0.01));
            EarlyStopping.Outcome o = stopping.finish().orElseThrow();
            assertEquals(new EarlyStopping.Outcome(true, 4, 0.02341, true), o);
            assertEquals(4.0, heldEpoch());
            assertEquals("early stopping after epoch 7: validation_loss has not improved by more than 0 for 3 epochs;"
                    + " restored epoch 4 (0.02341)", stopping.describe(o));
        }
    }

    @Test
    void anImprovementOfNoMoreThanMinDeltaDoesNotCount() {
        try (EarlyStopping stopping = new EarlyStopping(engine, parameters, buffers, config(2, 0.01, true), 10)) {
            // 0.995 and 0.99 are not below the best, 1.0, by more than 0.01
            assertEquals(3, run(stopping, 1.0, 0.995, 0.99, 0.5));
            EarlyStopping.Outcome o = stopping.finish().orElseThrow();
            assertEquals(new EarlyStopping.Outcome(true, 1, 1.0, true), o);
            assertEquals(1.0, heldEpoch());
            assertEquals("early stopping after epoch 3: validation_loss has not improved by more than 0.01 for 2 epochs;"
                    + " restored epoch 1 (1.00000)", stopping.describe(o));
        }
        try (EarlyStopping stopping = new EarlyStopping(engine, parameters, buffers, config(2, 0.01, true), 10)) {
            assertEquals(6, run(stopping, 1.0, 0.98, 0.975, 0.96, 0.955, 0.958, 0.1));
            assertEquals(4, stopping.finish().orElseThrow().bestEpoch(), "only 0.98 and 0.96 improve by more than 0.01");
            assertEquals(4.0, heldEpoch());
        }
    }

    @Test
    void aCounterResetsOnEveryImprovement() {
        try (EarlyStopping stopping = new EarlyStopping(engine, parameters, buffers, config(2, 0, true), 8)) {
            assertEquals(8, run(stopping, 5, 6, 4, 7, 3, 8, 2, 9));
            EarlyStopping.Outcome o = stopping.finish().orElseThrow();
            assertFalse(o.stoppedEarly(), "one bad epoch at a time never reaches a patience of 2");
            assertEquals(7, o.bestEpoch());
            assertTrue(o.restored(), "the last epoch was worse than epoch 7");
            assertEquals(7.0, heldEpoch());
            assertEquals("restored epoch 7, the best validation_loss (2.00000)", stopping.describe(o));
        }
    }

    @Test
    void withoutRestoreBestTheLastEpochIsKept() {
        try (EarlyStopping stopping = new EarlyStopping(engine, parameters, buffers, config(1, 0, false), 10)) {
            assertEquals(3, run(stopping, 3, 2, 2.5, 1));
            EarlyStopping.Outcome o = stopping.finish().orElseThrow();
            assertEquals(new EarlyStopping.Outcome(true, 2, 2, false), o);
            assertEquals(3.0, heldEpoch());
            assertEquals("early stopping after epoch 3: validation_loss has not improved by more than 0 for 1 epoch;"
                    + " kept epoch 3; the best was epoch 2 (2.00000)", stopping.describe(o));
        }
    }

    @Test
    void runningOutOfPatienceAtTheLastEpochIsNotAnEarlyStop() {
        try (EarlyStopping stopping = new EarlyStopping(engine, parameters, buffers, config(2, 0, true), 4)) {
            assertEquals(4, run(stopping, 1, 0.5, 0.6, 0.7));
            EarlyStopping.Outcome o = stopping.finish().orElseThrow();
            assertEquals(new EarlyStopping.Outcome(false, 2, 0.5, true), o);
            assertEquals(2.0, heldEpoch());
        }
    }

    @Test
    void theBestLastEpochNeedsNoRestoreAndNaNNeverImproves() {
        try (EarlyStopping stopping = new EarlyStopping(engine, parameters, buffers, config(2, 0, true), 5)) {
            assertEquals(3, run(stopping, 1, Double.NaN, Double.NaN, 0.1));
            EarlyStopping.Outcome o = stopping.finish().orElseThrow();
            assertEquals(new EarlyStopping.Outcome(true, 1, 1, true), o);
            assertEquals(1.0, heldEpoch());
        }
        try (EarlyStopping stopping = new EarlyStopping(engine, parameters, buffers, config(2, 0, true), 3)) {
            assertEquals(3, run(stopping, 3, 2, 1));
            EarlyStopping.Outcome o = stopping.finish().orElseThrow();
            assertEquals(new EarlyStopping.Outcome(false, 3, 1, false), o);
            assertEquals(3.0, heldEpoch());
            assertEquals("", stopping.describe(o), "nothing to say");
        }
    }

    @Test
    void patienceZeroIsOff() {
        try (EarlyStopping stopping = new EarlyStopping(engine, parameters, buffers, config(0, 0, true), 5)) {
            assertEquals(5, run(stopping, 1, 2, 3, 4, 5));
            assertEquals(Optional.empty(), stopping.finish());
            assertEquals(5.0, heldEpoch());
        }
    }

    @Test
    void theTrainingLossCanBeMonitoredToo() {
        EarlyStoppingConfig onTrain = new EarlyStoppingConfig(1, 0, "train_loss", true);
        try (EarlyStopping stopping = new EarlyStopping(engine, parameters, buffers, onTrain, 5)) {
            assertEquals(2, run(stopping, 1, 1));
            assertEquals("early stopping after epoch 2: train_loss has not improved by more than 0 for 1 epoch;"
                    + " restored epoch 1 (1.00000)", stopping.describe(stopping.finish().orElseThrow()));
        }
    }
}
