package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.api.config.ConfigException;
import dev.latent.api.config.ConfigProblem;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.CurvatureEstimates;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code sgd}'s {@code curvature} section: the update is {@code -lr / clamp(h, min, max) * g}
 * per parameter, composed with momentum and the inverse-time schedule, computed by hand; the
 * optimizer asks for estimates ({@link CurvatureEstimates}) only when the section is on; and the
 * section's checks. Every case has h = [0.1, 2, 10] and clamps it to [0.5, 4], giving
 * clamp(h) = [0.5, 2, 4].
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CurvatureRatesTest {

    private static final double TOLERANCE = 1e-12;
    private static final CurvatureConfig CURVATURE = new CurvatureConfig(1000, 200, 0.5, 4);

    private Engine engine;

    @BeforeAll
    void open() {
        engine = TestKit.openEngine();
    }

    @AfterAll
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private Parameter parameter() {
        Parameter w = TestKit.parameter(engine, "w", 1, -2, 3);
        engine.assign(w.curvature(), new double[] {0.1, 2, 10});
        return w;
    }

    @Test
    void theUpdateIsMinusLearningRateOverClampedCurvatureTimesGradient() {
        Parameter w = parameter();
        Optimizer sgd = TestKit.create(new SgdProvider(),
                new SgdConfig(0.1, 0, false, 0, ScheduleConfig.constant(), 0, 0, CURVATURE), engine);
        OptimizerState state = sgd.init(List.of(w));
        // g = [1, 1, -2];  u = -0.1 * g / [0.5, 2, 4] = -0.1 * [2, 0.5, -0.5] = [-0.2, -0.05, 0.05]
        double[] u = TestKit.step(engine, sgd, state, w, 1, 1, 1, -2);
        assertArrayEquals(new double[] {-0.2, -0.05, 0.05}, u, TOLERANCE);
        assertArrayEquals(new double[] {0.8, -2.05, 3.05}, w.value().toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {0.5, 2, 4}, state.children().get(0).tensor(
                ScaleByParameterRates.CLAMPED_CURVATURE, "w").toDoubleArray(), TOLERANCE);
    }

    @Test
    void theRatesScaleTheVelocityAndTheScheduleScalesBoth() {
        Parameter w = parameter();
        Optimizer sgd = TestKit.create(new SgdProvider(),
                new SgdConfig(0.1, 0.9, false, 0, ScheduleConfig.inverseTime(1), 0, 0, CURVATURE), engine);
        OptimizerState state = sgd.init(List.of(w));
        // step 1: v1 = g1 = [1, 1, -2];  lr(1) = 0.1;  u1 = -0.1 * v1 / [0.5, 2, 4] = [-0.2, -0.05, 0.05]
        assertArrayEquals(new double[] {-0.2, -0.05, 0.05}, TestKit.step(engine, sgd, state, w, 1, 1, 1, -2),
                TOLERANCE);
        // the trainer re-estimates h between the steps: h = [8, 1, 0.01], clamped [4, 1, 0.5]
        engine.assign(w.curvature(), new double[] {8, 1, 0.01});
        // step 2: v2 = 0.9 * v1 + g2 = [0.9, 0.9, -1.8] + [3, 0, 1] = [3.9, 0.9, -0.8]
        //         lr(2) = 0.1 / (1 + 1 * 1) = 0.05;  u2 = -0.05 * [3.9 / 4, 0.9 / 1, -0.8 / 0.5]
        //            = [-0.04875, -0.045, 0.08]
        assertArrayEquals(new double[] {-0.04875, -0.045, 0.08}, TestKit.step(engine, sgd, state, w, 2, 3, 0, 1),
                TOLERANCE);
        assertEquals(List.of("chain/0.momentum/velocity/w", "chain/1.scale_by_parameter_rates/clamped_curvature/w"),
                List.copyOf(state.flatten().keySet()));
    }

    @Test
    void theOptimizerAsksForEstimatesOnlyWhenTheSectionIsOn() {
        Optimizer on = TestKit.create(new SgdProvider(),
                new SgdConfig(0.1, 0.9, false, 0, ScheduleConfig.constant(), 0, 0, CURVATURE), engine);
        CurvatureEstimates estimates = assertInstanceOf(CurvatureEstimates.class, on);
        assertEquals(1000, estimates.everySamples());
        assertEquals(200, estimates.estimateSamples());
        Optimizer off = TestKit.create(new SgdProvider(), new SgdConfig(0.1, 0.9, false), engine);
        assertFalse(off instanceof CurvatureEstimates);
        assertInstanceOf(Chain.class, off);
    }

    @Test
    void theSectionIsOffByDefaultWithTheTutorialsValues() {
        assertEquals(CurvatureConfig.OFF, SettingDefaults.of(CurvatureConfig.class));
        assertEquals(new CurvatureConfig(0, 500, 0.02, 500), CurvatureConfig.OFF);
        assertFalse(CurvatureConfig.OFF.enabled());
        assertEquals(new CurvatureConfig(10_000, 500, 0.02, 500), CurvatureConfig.every(10_000));
    }

    @Test
    void badSettingsAreNamedWithTheirValues() {
        ConfigException e = assertThrows(ConfigException.class, () -> new CurvatureConfig(-1, 0, 0, -2));
        assertEquals(List.of(
                new ConfigProblem("every", "must be >= 0, found -1"),
                new ConfigProblem("samples", "must be >= 1, found 0"),
                new ConfigProblem("min", "must be > 0, found 0")), e.problems());
        assertEquals("max must be >= min (0.5), found 0.25",
                assertThrows(ConfigException.class, () -> new CurvatureConfig(100, 500, 0.5, 0.25)).getMessage());
        assertEquals("every is 0 (off), but samples, min or max is set; set every > 0 (the training samples between"
                        + " two estimates), or leave the curvature section out",
                assertThrows(ConfigException.class, () -> new CurvatureConfig(0, 100, 0.02, 500)).getMessage());
    }
}
