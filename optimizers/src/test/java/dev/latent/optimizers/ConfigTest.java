package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.api.config.ConfigException;
import dev.latent.api.config.ConfigProblem;
import dev.latent.api.engine.Engine;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Pins the wording of configuration errors: each names the key, the bad value and what is allowed. */
class ConfigTest {

    @Test
    void adamNamesTheKeyAndTheValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> new AdamConfig(0.001, 0.9, 1.2, 1e-8));
        assertEquals("beta2 must be in [0, 1), found 1.2", e.getMessage());
        assertEquals("optimizer.beta2 must be in [0, 1), found 1.2", e.under("optimizer").getMessage());
    }

    @Test
    void adamReportsEveryProblemAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> new AdamConfig(0, 1, -0.5, 0));
        assertEquals(List.of(
                new ConfigProblem("learningRate", "must be > 0, found 0"),
                new ConfigProblem("beta1", "must be in [0, 1), found 1"),
                new ConfigProblem("beta2", "must be in [0, 1), found -0.5"),
                new ConfigProblem("epsilon", "must be > 0, found 0")), e.problems());
    }

    @Test
    void sgdRejectsABadLearningRateOrMomentum() {
        assertEquals("learningRate must be > 0, found -0.1",
                assertThrows(ConfigException.class, () -> new SgdConfig(-0.1, 0, false)).getMessage());
        assertEquals("learningRate must be > 0, found NaN",
                assertThrows(ConfigException.class, () -> new SgdConfig(Double.NaN, 0, false)).getMessage());
        assertEquals("momentum must be in [0, 1), found 1",
                assertThrows(ConfigException.class, () -> new SgdConfig(0.1, 1, false)).getMessage());
    }

    @Test
    void nesterovNeedsMomentum() {
        assertEquals("nesterov needs momentum > 0, found momentum 0",
                assertThrows(ConfigException.class, () -> new SgdConfig(0.1, 0, true)).getMessage());
        assertDoesNotThrow(() -> new SgdConfig(0.1, 0.9, true));
    }

    @Test
    void boundaryValuesThatTheRangesAllow() {
        assertDoesNotThrow(() -> new AdamConfig(1e-12, 0, 0, 1e-300));
        assertDoesNotThrow(() -> new SgdConfig(10, 0.999999, false));
        assertDoesNotThrow(() -> new ScheduleConfig("step", 0, 1, 1, 1000, 0.96, 0, 0));
        assertDoesNotThrow(() -> create(new SgdProvider(),
                new SgdConfig(0.1, 0, false, 0, ScheduleConfig.cosine(619, 0.1), 0, 0), 620));
    }

    @Test
    void everyOptimizerRejectsANegativeLearningRate() {
        String expected = "learningRate must be > 0, found -0.01";
        assertEquals(expected, message(() -> new AdagradConfig(-0.01, 1e-10, 0)));
        assertEquals(expected, message(() -> new RmspropConfig(-0.01, 0.9, 1e-8, 0)));
        assertEquals(expected, message(() -> new AdamWConfig(-0.01, 0.9, 0.999, 1e-8, 0.01)));
        assertEquals(expected, message(() -> new LbfgsConfig(-0.01, 10, 20, 1e-7)));
    }

    @Test
    void betasAndDecaysMustBeInTheHalfOpenUnitInterval() {
        assertEquals("beta1 must be in [0, 1), found 1", message(() -> new AdamWConfig(0.001, 1, 0.999, 1e-8, 0.01)));
        assertEquals("beta2 must be in [0, 1), found -0.1", message(() -> new AdamWConfig(0.001, 0.9, -0.1, 1e-8, 0.01)));
        assertEquals("rho must be in [0, 1), found 1.5", message(() -> new RmspropConfig(0.001, 1.5, 1e-8, 0)));
        assertEquals("weightDecay must be >= 0, found -0.01",
                message(() -> new AdamWConfig(0.001, 0.9, 0.999, 1e-8, -0.01)));
        assertEquals("clipNorm must be >= 0, found -1",
                message(() -> new AdagradConfig(0.01, 1e-10, 0, 0, ScheduleConfig.constant(), -1, 0)));
        assertEquals("history must be >= 1, found 0", message(() -> new LbfgsConfig(1, 0, 20, 1e-7)));
    }

    @Test
    void aWarmupAsLongAsTheRunIsRejectedWhenTheOptimizerIsBuilt() {
        AdamWConfig config = new AdamWConfig(0.001, 0.9, 0.999, 1e-8, 0.01, ScheduleConfig.cosine(1000, 0), 0, 0);
        ConfigException e = assertThrows(ConfigException.class, () -> create(new AdamWProvider(), config, 620));
        assertEquals("schedule.warmupSteps must be < the run's 620 steps, found 1000", e.getMessage());
        assertEquals("optimizer.schedule.warmupSteps must be < the run's 620 steps, found 1000",
                e.under("optimizer").getMessage());
        SgdConfig equal = new SgdConfig(0.1, 0, false, 0, ScheduleConfig.cosine(620, 0), 0, 0);
        assertEquals("schedule.warmupSteps must be < the run's 620 steps, found 620",
                assertThrows(ConfigException.class, () -> create(new SgdProvider(), equal, 620)).getMessage());
        SgdConfig floor = new SgdConfig(0.1, 0, false, 0, ScheduleConfig.cosine(0, 0.5), 0, 0);
        assertEquals("schedule.minLearningRate must be <= learningRate 0.1, found 0.5",
                assertThrows(ConfigException.class, () -> create(new SgdProvider(), floor, 620)).getMessage());
    }

    @Test
    void anUnknownScheduleNamesTheChoices() {
        // reported once: the keys' applicability is not checked against an unknown name
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ScheduleConfig("linear", 0.1, 1000, 0.1, 1000, 0.96, 0, 0));
        assertEquals("schedule.name must be one of constant, inverse-time, step, exponential, cosine, found 'linear'",
                e.under("schedule").getMessage());
    }

    @Test
    void aScheduleKeyForAnotherScheduleIsAnError() {
        assertEquals("decay is used only by the inverse-time schedule, not by 'constant'",
                message(() -> new ScheduleConfig("constant", 0.01, 1000, 0.1, 1000, 0.96, 0, 0)));
        assertEquals(List.of(
                new ConfigProblem("gamma", "must be in (0, 1], found 0"),
                new ConfigProblem("warmupSteps", "must be >= 0, found -5"),
                new ConfigProblem("gamma", "is used only by the step schedule, not by 'cosine'")),
                assertThrows(ConfigException.class,
                        () -> new ScheduleConfig("cosine", 0, 1000, 0, 1000, 0.96, -5, 0)).problems());
    }

    private static String message(Executable constructor) {
        return assertThrows(ConfigException.class, constructor).getMessage();
    }

    /** Builds through the provider, as the launcher does, for a run of {@code totalSteps} updates. */
    private static <C extends Record> void create(OptimizerProvider<C> provider, C config, long totalSteps) {
        provider.create(config, new OptimizerContext(UNUSABLE_ENGINE, totalSteps));
    }

    /** An engine that fails on use: building an optimizer must not compute anything. */
    private static final Engine UNUSABLE_ENGINE = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(),
            new Class<?>[] {Engine.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });
}
