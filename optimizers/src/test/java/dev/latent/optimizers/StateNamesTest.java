package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pins the names under which optimizer state is flattened: checkpoints save and restore it by
 * these names, so changing one breaks every saved run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateNamesTest {

    private Engine engine;
    private List<Parameter> parameters;

    @BeforeAll
    void open() {
        engine = TestKit.openEngine();
        Parameter weight = new Parameter("encoder.0.weight", engine.zeros(TestKit.DTYPE, 2, 3),
                engine.zeros(TestKit.DTYPE, 2, 3), engine.zeros(TestKit.DTYPE, 2, 3));
        parameters = List.of(weight, TestKit.parameter(engine, "encoder.0.bias", 1, 2, 3));
    }

    @AfterAll
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void adamStateIsNamedByChainLinkSlotAndParameter() {
        OptimizerState state = new AdamProvider().create(new AdamConfig(0.001, 0.9, 0.999, 1e-8), new OptimizerContext(engine, 1000)).init(parameters);
        assertEquals(List.of(
                "chain/0.scale_by_adam/m/encoder.0.weight",
                "chain/0.scale_by_adam/m/encoder.0.bias",
                "chain/0.scale_by_adam/v/encoder.0.weight",
                "chain/0.scale_by_adam/v/encoder.0.bias"), List.copyOf(state.flatten().keySet()));
        assertEquals(List.of("scale_by_adam", "scale_by_learning_rate"),
                state.children().stream().map(OptimizerState::name).toList());
    }

    @Test
    void sgdStateNames() {
        Optimizer momentum = new SgdProvider().create(new SgdConfig(0.01, 0.9, true), new OptimizerContext(engine, 1000));
        assertEquals(List.of("chain/0.momentum/velocity/encoder.0.weight", "chain/0.momentum/velocity/encoder.0.bias"),
                List.copyOf(momentum.init(parameters).flatten().keySet()));
        Optimizer plain = new SgdProvider().create(new SgdConfig(0.01, 0, false), new OptimizerContext(engine, 1000));
        assertEquals(Map.of(), plain.init(parameters).flatten());
    }

    @Test
    void rmspropWithClippingAndMomentumNamesEveryTensor() {
        // the clip link (stateless) comes first, so the rescaling is child 1 and momentum child 2
        Optimizer rmsprop = TestKit.create(new RmspropProvider(),
                new RmspropConfig(0.001, 0.9, 1e-8, 0.9, 0, ScheduleConfig.constant(), 1, 0), engine);
        OptimizerState state = rmsprop.init(parameters);
        assertEquals(List.of(
                "chain/1.scale_by_rmsprop/mean_square/encoder.0.weight",
                "chain/1.scale_by_rmsprop/mean_square/encoder.0.bias",
                "chain/1.scale_by_rmsprop/denominator/encoder.0.weight",
                "chain/1.scale_by_rmsprop/denominator/encoder.0.bias",
                "chain/2.momentum/velocity/encoder.0.weight",
                "chain/2.momentum/velocity/encoder.0.bias"), List.copyOf(state.flatten().keySet()));
        assertEquals(List.of("clip_by_global_norm", "scale_by_rmsprop", "momentum", "scale_by_learning_rate"),
                state.children().stream().map(OptimizerState::name).toList());
    }

    @Test
    void lbfgsNamesItsRingBufferAndBookkeeping() {
        OptimizerState state = TestKit.create(new LbfgsProvider(), new LbfgsConfig(1, 2, 20, 1e-7), engine).init(parameters);
        List<String> expected = new java.util.ArrayList<>();
        for (String slot : List.of("s0", "s1", "y0", "y1", "last_step", "previous_gradient", "direction", "start")) {
            expected.add("lbfgs/" + slot + "/encoder.0.weight");
            expected.add("lbfgs/" + slot + "/encoder.0.bias");
        }
        expected.add("lbfgs/rho");
        expected.add("lbfgs/counters");
        assertEquals(expected, List.copyOf(state.flatten().keySet()));
        assertArrayEquals(new int[] {2}, state.tensors().get("rho").shape());
        assertEquals(TestKit.DTYPE, state.tensor("s1", "encoder.0.weight").dtype());
    }

    @Test
    void stateTensorsStartAtZeroWithTheParametersShapeAndType() {
        OptimizerState state = new AdamProvider().create(new AdamConfig(0.001, 0.9, 0.999, 1e-8), new OptimizerContext(engine, 1000)).init(parameters);
        for (Parameter p : parameters) {
            for (String slot : List.of("m", "v")) {
                Tensor t = state.children().get(0).tensor(slot, p.name());
                assertArrayEquals(p.value().shape(), t.shape(), slot + "/" + p.name());
                assertEquals(p.value().dtype(), t.dtype(), slot + "/" + p.name());
                assertArrayEquals(new double[(int) t.size()], t.toDoubleArray(), 0.0, slot + "/" + p.name());
            }
        }
    }

    @Test
    void updatesWriteIntoTheSameTensors() {
        Optimizer adam = new AdamProvider().create(new AdamConfig(0.001, 0.9, 0.999, 1e-8), new OptimizerContext(engine, 1000));
        OptimizerState state = adam.init(parameters);
        Map<String, Tensor> before = state.flatten();
        for (Parameter p : parameters) {
            engine.fill(p.gradient(), 0.5);
        }
        adam.update(parameters, state, 1);
        Map<String, Tensor> after = state.flatten();
        before.forEach((name, tensor) -> assertSame(tensor, after.get(name), name));
        assertEquals(0.05, state.children().get(0).tensor("m", "encoder.0.bias").toDoubleArray()[0], 1e-15);
    }
}
