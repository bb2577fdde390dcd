package dev.latent.models.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.noise.Noise;
import dev.latent.api.noise.NoiseProvider;
import dev.latent.models.TestEngine;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in noise processes: their statistics, their range, their seeds and their settings. */
class NoiseTest {

    private static final int N = 40_000;
    private final Engine engine = TestEngine.cpu();

    private double[] corrupt(Noise noise, double value, long seed) {
        Tensor clean = engine.zeros(DType.FLOAT32, 100, N / 100);
        engine.fill(clean, value);
        Tensor noisy = engine.zeros(DType.FLOAT32, 100, N / 100);
        noise.apply(clean, noisy, engine.random(seed));
        assertTrue(Arrays.stream(clean.toDoubleArray()).allMatch(v -> v == (float) value), "the clean batch is untouched");
        return noisy.toDoubleArray();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
    }

    @Test
    void gaussianAddsNoiseOfTheGivenMoments() {
        double[] v = corrupt(new GaussianNoise(engine, 0.1, 0.05), 0.5, 1);
        assertEquals(0.6, mean(v), 0.002);
        assertEquals(0.05, std(v), 0.002);
    }

    @Test
    void speckleScalesWithTheValueAndKeepsBlackBlack() {
        double[] v = corrupt(new SpeckleNoise(engine, 0.2), 0.5, 2);
        assertEquals(0.5, mean(v), 0.002);
        assertEquals(0.1, std(v), 0.002);
        assertTrue(Arrays.stream(corrupt(new SpeckleNoise(engine, 0.5), 0, 3)).allMatch(x -> x == 0));
    }

    @Test
    void saltAndPepperSetsAFractionToZeroOrOneEquallyOften() {
        double[] v = corrupt(new SaltAndPepperNoise(engine, 0.2), 0.5, 4);
        long salt = Arrays.stream(v).filter(x -> x == 1).count();
        long pepper = Arrays.stream(v).filter(x -> x == 0).count();
        long kept = Arrays.stream(v).filter(x -> x == 0.5).count();
        assertEquals(N, salt + pepper + kept, "every value is kept, salt or pepper");
        assertEquals(0.2, (salt + pepper) / (double) N, 0.01);
        assertEquals(0.5, salt / (double) (salt + pepper), 0.03);
    }

    @Test
    void maskingSetsAFractionToZeroAndKeepsTheRest() {
        double[] v = corrupt(new MaskingNoise(engine, 0.3), 0.5, 5);
        long masked = Arrays.stream(v).filter(x -> x == 0).count();
        long kept = Arrays.stream(v).filter(x -> x == 0.5).count();
        assertEquals(N, masked + kept, "every value is kept or set to 0");
        assertEquals(0.3, masked / (double) N, 0.01);
        assertTrue(Arrays.stream(corrupt(new MaskingNoise(engine, 0), 0.5, 6)).allMatch(x -> x == 0.5), "p = 0 keeps all");
        assertTrue(Arrays.stream(corrupt(new MaskingNoise(engine, 1), 0.5, 6)).allMatch(x -> x == 0), "p = 1 masks all");
    }

    static Stream<Noise> strongNoises() {
        Engine e = TestEngine.cpu();
        return Stream.of(new GaussianNoise(e, 0.5, 0.3), new SpeckleNoise(e, 2), new SaltAndPepperNoise(e, 0.5),
                new MaskingNoise(e, 0.5));
    }

    @ParameterizedTest
    @MethodSource("strongNoises")
    void outputStaysInTheDataRangeAndIsSeeded(Noise noise) {
        double[] a = corrupt(noise, 0.8, 7);
        assertTrue(Arrays.stream(a).allMatch(x -> x >= 0 && x <= 1), "clipped to [0, 1]");
        assertArrayEquals(a, corrupt(noise, 0.8, 7), "same seed, same noise");
        assertTrue(!Arrays.equals(a, corrupt(noise, 0.8, 8)), "another seed, other noise");
    }

    @Test
    void providersAreFoundByNameAndBuildTheirNoise() {
        List<String> names = ServiceLoader.load(NoiseProvider.class).stream().map(p -> p.get().name()).sorted().toList();
        assertEquals(List.of("gaussian", "masking", "salt-and-pepper", "speckle"), names);
        assertTrue(new GaussianNoiseProvider().create(new GaussianNoiseConfig(0, 0.3), engine) instanceof GaussianNoise);
        assertTrue(new MaskingNoiseProvider().create(new MaskingNoiseConfig(0.25), engine) instanceof MaskingNoise);
    }

    @Test
    void invalidSettingsNameTheKeyAndValue() {
        assertEquals("std must be > 0, found -1",
                assertThrows(ConfigException.class, () -> new GaussianNoiseConfig(0, -1)).getMessage());
        assertEquals("std must be > 0, found 0",
                assertThrows(ConfigException.class, () -> new SpeckleNoiseConfig(0)).getMessage());
        assertEquals("std must be > 0, found -0.5",
                assertThrows(ConfigException.class, () -> new SpeckleNoiseConfig(-0.5)).getMessage());
        assertEquals("probability must be in [0, 1], found 1.5",
                assertThrows(ConfigException.class, () -> new SaltAndPepperNoiseConfig(1.5)).getMessage());
        assertEquals("probability must be in [0, 1], found -0.1",
                assertThrows(ConfigException.class, () -> new SaltAndPepperNoiseConfig(-0.1)).getMessage());
        assertEquals("probability must be in [0, 1], found -0.1",
                assertThrows(ConfigException.class, () -> new MaskingNoiseConfig(-0.1)).getMessage());
        assertEquals("probability must be in [0, 1], found 1.5",
                assertThrows(ConfigException.class, () -> new MaskingNoiseConfig(1.5)).getMessage());
    }
}
