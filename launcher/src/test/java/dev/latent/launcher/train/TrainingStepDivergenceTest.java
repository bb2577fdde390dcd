package dev.latent.launcher.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import dev.latent.launcher.TestHome;
import dev.latent.launcher.config.TrainingConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The divergence check of a training step and its three policies, on a scripted model: each
 * trainStep sets the gradient of {@code layer.weight} (and the loss) to the next scripted value,
 * and plain SGD with rate 1 makes the update minus the gradient.
 */
class TrainingStepDivergenceTest {

    private static Engine engine;
    private Scripted model;
    private Tensor batch;

    @BeforeAll
    static void startCpuEngine() throws Exception {
        engine = TestHome.cpuEngine();
    }

    @BeforeEach
    void setUp() {
        model = new Scripted();
        batch = engine.zeros(DType.FLOAT32, 2, 3);
    }

    @AfterEach
    void tearDown() {
        model.close();
        batch.close();
    }

    private TrainingStep step(String policy) {
        return new TrainingStep(engine, model, new Sgd(), Optional.empty(), 1, policy);
    }

    private double weight() {
        return model.weight.value().toDoubleArray()[0];
    }

    @Test
    void stopNamesTheLossAndTheParameterAndLeavesTheValuesAlone() {
        try (TrainingStep step = step(TrainingConfig.STOP)) {
            model.script(1, Double.NaN);
            assertTrue(step.run(batch).applied());
            assertEquals(-1, weight());
            Divergence d = assertThrows(Divergence.class, () -> step.run(batch));
            assertEquals("the loss is NaN; parameter layer.weight has a non-finite gradient", d.getMessage());
            assertEquals(-1, weight(), "no update from the bad batch");
            assertEquals(1, step.steps());
        }
    }

    @Test
    void aFiniteLossWithAnInfiniteGradientIsNamedWhenEveryGradientIsChecked() {
        engine.fill(model.weight.gradient(), Double.POSITIVE_INFINITY);
        assertEquals(Optional.of("the loss is 0.25, but parameter layer.weight has a non-finite gradient"),
                new DivergenceCheck(engine, model.parameters(), true).fault(0.25));
        assertEquals(Optional.empty(), new DivergenceCheck(engine, model.parameters(), false).fault(0.25),
                "stop checks the loss alone while it is finite");
    }

    @Test
    void underStopABadGradientBehindAFiniteLossIsCaughtAtTheNextStep() {
        try (TrainingStep step = step(TrainingConfig.STOP)) {
            model.script(Double.NEGATIVE_INFINITY, Double.NaN);
            model.loss = 0.25;
            assertTrue(step.run(batch).applied(), "the loss was finite: the update went through");
            assertEquals(Double.POSITIVE_INFINITY, weight());
            model.loss = null;
            Divergence d = assertThrows(Divergence.class, () -> step.run(batch));
            assertEquals("the loss is NaN; parameter layer.weight has a non-finite gradient; parameter layer.weight"
                    + " holds non-finite values (an earlier update overflowed)", d.getMessage());
        }
    }

    @Test
    void skipBatchMakesNoUpdateAndCountsTheBatch() {
        try (TrainingStep step = step(TrainingConfig.SKIP_BATCH)) {
            model.script(1, Double.NaN, 2);
            step.run(batch);
            TrainingStep.Outcome skipped = step.run(batch);
            assertFalse(skipped.applied());
            assertTrue(Double.isNaN(skipped.report().total()));
            step.run(batch);
            assertEquals(-3, weight(), "the two finite batches' updates only");
            assertEquals(2, step.steps(), "the optimizer counts the updates it made");
            assertEquals(1, step.skipped());
            assertEquals(1.0, step.updateScale());
        }
    }

    @Test
    void halveLrHalvesEveryLaterUpdate() {
        try (TrainingStep step = step(TrainingConfig.HALVE_LR)) {
            model.script(1, Double.NaN, 1, Double.NaN, 1);
            for (int i = 0; i < 5; i++) {
                step.run(batch);
            }
            assertEquals(-1 - 0.5 - 0.25, weight());
            assertEquals(0.25, step.updateScale());
            assertEquals(2, step.skipped());
        }
    }

    @Test
    void tenBadBatchesInARowStopEvenASkippingPolicy() {
        try (TrainingStep step = step(TrainingConfig.SKIP_BATCH)) {
            model.script(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN);
            for (int i = 0; i < 9; i++) {
                assertFalse(step.run(batch).applied());
            }
            Divergence d = assertThrows(Divergence.class, () -> step.run(batch));
            assertEquals("the loss is NaN; parameter layer.weight has a non-finite gradient; 10 batches in a row were not"
                    + " finite (training.divergence: skip-batch)", d.getMessage());
        }
    }

    @Test
    void thePositionComesBackWithTheNoiseStream() {
        try (TrainingStep step = step(TrainingConfig.HALVE_LR)) {
            model.script(1, Double.NaN);
            step.run(batch);
            step.run(batch);
            TrainingStep.State saved = step.position();
            try (TrainingStep other = step(TrainingConfig.HALVE_LR)) {
                other.restore(saved);
                assertEquals(1, other.steps());
                assertEquals(1, other.skipped());
                assertEquals(0.5, other.updateScale());
                assertArrayEquals(saved.noise(), other.position().noise());
            }
        }
    }

    /** A model of one parameter whose gradient (and loss) each step takes from a script. */
    private static final class Scripted implements Model {
        final Parameter weight = Parameter.zeros("layer.weight", engine, DType.FLOAT32, 2, 2);
        final Deque<Double> gradients = new ArrayDeque<>();
        Double loss;

        void script(double... values) {
            for (double v : values) {
                gradients.add(v);
            }
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(weight);
        }

        @Override
        public LossReport trainStep(Tensor input, Tensor target) {
            double g = gradients.remove();
            engine.fill(weight.gradient(), g);
            double l = loss != null ? loss : g;
            return new LossReport(l, Map.of("mse", l));
        }

        @Override
        public LossReport evaluate(Tensor input, Tensor target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Tensor reconstruct(Tensor input) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void accumulateCurvature(Tensor input, Tensor target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            weight.close();
        }
    }

    /** SGD with rate 1: the update is minus the gradient. */
    private static final class Sgd implements Optimizer {
        @Override
        public OptimizerState init(List<Parameter> parameters) {
            return OptimizerState.empty("sgd");
        }

        @Override
        public void update(List<Parameter> parameters, OptimizerState state, long step) {
            parameters.forEach(p -> engine.scale(p.gradient(), -1, p.gradient()));
        }
    }
}
