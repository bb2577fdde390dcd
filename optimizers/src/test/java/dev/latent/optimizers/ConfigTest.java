package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.api.config.ConfigException;
import dev.latent.api.config.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    }
}
