package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Pins each schedule's learning rate at a few steps against hand computation, and what
 * {@link Schedules#create} builds from a config. Steps are 1-based; decays count t = step - 1.
 */
class SchedulesTest {

    private static final double TOLERANCE = 1e-15;

    @Test
    void constant() {
        Schedule s = new ConstantSchedule(0.1);
        assertEquals(0.1, s.at(1), 0.0);
        assertEquals(0.1, s.at(1_000_000), 0.0);
    }

    @Test
    void inverseTime() {
        // lr = 0.1, decay = 0.5: lr / (1 + 0.5 t)
        Schedule s = new InverseTimeDecay(0.1, 0.5);
        assertEquals(0.1, s.at(1), TOLERANCE);                 // t = 0
        assertEquals(0.1 / 1.5, s.at(2), TOLERANCE);           // t = 1: 0.0666...
        assertEquals(0.05, s.at(3), TOLERANCE);                // t = 2: halved after 1 / decay updates
        assertEquals(0.1 / 6, s.at(11), TOLERANCE);            // t = 10
    }

    @Test
    void step() {
        // lr = 1, gamma = 0.5, stepSize = 3: each level lasts 3 updates
        Schedule s = new StepDecay(1, 0.5, 3);
        assertEquals(1, s.at(1), 0.0);
        assertEquals(1, s.at(3), 0.0);                         // t = 2, floor(2/3) = 0
        assertEquals(0.5, s.at(4), 0.0);                       // t = 3, floor(3/3) = 1
        assertEquals(0.5, s.at(6), 0.0);
        assertEquals(0.25, s.at(7), 0.0);
        assertEquals(0.125, s.at(10), 0.0);
    }

    @Test
    void exponential() {
        // lr = 1, rate = 0.5, decaySteps = 2: 0.5^(t / 2)
        Schedule s = new ExponentialDecay(1, 0.5, 2);
        assertEquals(1, s.at(1), TOLERANCE);
        assertEquals(Math.sqrt(0.5), s.at(2), TOLERANCE);      // t = 1: 0.7071067811865476
        assertEquals(0.5, s.at(3), TOLERANCE);
        assertEquals(0.25, s.at(5), TOLERANCE);
    }

    @Test
    void cosineWithWarmup() {
        // lr = 0.1, W = 100 warm-up updates, T = 1100 updates, min = 0.001
        Schedule s = new WarmupCosineDecay(0.1, 100, 1100, 0.001);
        assertEquals(0.001, s.at(1), TOLERANCE);               // 0.1 * 1 / 100: near 0, not 0
        assertEquals(0.05, s.at(50), TOLERANCE);               // half-way up
        assertEquals(0.1, s.at(100), TOLERANCE);               // end of warm-up: the peak
        // p = (350 - 100) / 1000 = 0.25: 0.001 + 0.099 * (1 + cos(pi / 4)) / 2 = 0.08549999...
        assertEquals(0.001 + 0.099 * (1 + Math.sqrt(0.5)) / 2, s.at(350), TOLERANCE);
        assertEquals(0.0505, s.at(600), TOLERANCE);            // middle, p = 0.5: 0.001 + 0.099 / 2
        assertEquals(0.001, s.at(1100), TOLERANCE);            // end of the run
        assertEquals(0.001, s.at(5000), 0.0);                  // past it
    }

    @Test
    void cosineWithoutWarmupStartsAtThePeak() {
        // W = 0, T = 4, min = 0: p = s / 4; lr(1) = (1 + cos(pi/4)) / 2, lr(2) = 0.5, lr(4) = 0
        Schedule s = new WarmupCosineDecay(1, 0, 4, 0);
        assertEquals((1 + Math.sqrt(0.5)) / 2, s.at(1), TOLERANCE);
        assertEquals(0.5, s.at(2), TOLERANCE);
        assertEquals(0, s.at(4), 0.0);
    }

    @Test
    void createBuildsTheNamedSchedule() {
        assertEquals(new ConstantSchedule(0.1), Schedules.create(ScheduleConfig.constant(), 0.1, 620));
        assertEquals(new InverseTimeDecay(0.1, 0.01), Schedules.create(ScheduleConfig.inverseTime(0.01), 0.1, 620));
        assertEquals(new StepDecay(0.1, 0.5, 100), Schedules.create(ScheduleConfig.step(100, 0.5), 0.1, 620));
        assertEquals(new ExponentialDecay(0.1, 0.9, 50), Schedules.create(ScheduleConfig.exponential(50, 0.9), 0.1, 620));
        assertEquals(new WarmupCosineDecay(0.1, 20, 620, 0.001),
                Schedules.create(ScheduleConfig.cosine(20, 0.001), 0.1, 620));
    }

    @Test
    void schedulesRejectArgumentsOutsideTheirRanges() {
        assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(0));
        assertThrows(IllegalArgumentException.class, () -> new InverseTimeDecay(0.1, -1));
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0.1, 1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new WarmupCosineDecay(0.1, 10, 10, 0));
    }
}
