package dev.latent.api.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.latent.api.engine.TensorAssertions.near;
import static dev.latent.api.engine.TensorAssertions.tol;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The first part of {@link EngineConformanceSuite}: the engine's life cycle, shared helpers,
 * and the core operations (creation, linear algebra, element-wise, activations, reductions,
 * optimizer steps, randomness, scopes) against values computed by hand, in float32 and
 * float64. An engine that cannot run here reports why through {@link #availability()}, and
 * the suite is skipped with that reason printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CoreConformanceChecks {

    /** The engine under test, open for the whole class. */
    protected Engine engine;

    /** Whether the engine can run on this machine; the suite is skipped when not. */
    protected Availability availability() {
        return Availability.yes();
    }

    /** Creates the engine under test (called once, only when available). */
    protected abstract Engine createEngine();

    @BeforeAll
    void openEngine() {
        Availability a = availability();
        if (!a.available()) {
            System.out.println(getClass().getSimpleName() + " skipped: " + a);
        }
        Assumptions.assumeTrue(a.available(), a::toString);
        engine = createEngine();
    }

    @AfterAll
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** A tensor of the given shape holding the values (row-major). */
    protected Tensor t(DType d, int[] shape, double... values) {
        return engine.fromArray(values, d, shape);
    }

    /** A rank-1 tensor holding the values. */
    protected Tensor v(DType d, double... values) {
        return engine.fromArray(values, d, values.length);
    }

    /** A shape, for readability. */
    protected static int[] s(int... shape) {
        return shape;
    }


    // ---- creation and transfer

    @ParameterizedTest
    @EnumSource(DType.class)
    void zerosHaveShapeAndDtype(DType d) {
        Tensor z = engine.zeros(d, 2, 3);
        assertArrayEquals(new int[] {2, 3}, z.shape());
        assertEquals(6, z.size());
        assertEquals(2, z.rows());
        assertEquals(3, z.columns());
        assertEquals(d, z.dtype());
        near(d, new double[6], z);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void closingATensorTwiceHasNoEffect(DType d) {
        Tensor a = engine.zeros(d, 2, 2);
        a.close();
        a.close();
        Tensor b = engine.zeros(d, 2, 2);
        engine.fill(b, 3);
        near(d, new double[] {3, 3, 3, 3}, b);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void arraysRoundTrip(DType d) {
        Tensor a = t(d, s(2, 2), 1, 2, 3, 4.5);
        near(d, new double[] {1, 2, 3, 4.5}, a);
        assertArrayEquals(new float[] {1, 2, 3, 4.5f}, a.toFloatArray());
        engine.assign(a, new float[] {5, 6, 7, 8});
        near(d, new double[] {5, 6, 7, 8}, a);
        engine.assign(a, new double[] {-1, -2, -3, -4});
        near(d, new double[] {-1, -2, -3, -4}, a);
        assertThrows(IllegalArgumentException.class, () -> engine.assign(a, new float[3]));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyAndFill(DType d) {
        Tensor a = t(d, s(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor b = engine.zeros(d, 6);
        engine.copy(a, b);
        near(d, new double[] {1, 2, 3, 4, 5, 6}, b);
        engine.fill(b, 0.25);
        near(d, new double[] {0.25, 0.25, 0.25, 0.25, 0.25, 0.25}, b);
    }

    // ---- linear algebra

    @ParameterizedTest
    @EnumSource(DType.class)
    void gemmInEveryTransposition(DType d) {
        Tensor a = t(d, s(2, 3), 1, 2, 3, 4, 5, 6);          // [[1,2,3],[4,5,6]]
        Tensor b = t(d, s(3, 2), 7, 8, 9, 10, 11, 12);       // [[7,8],[9,10],[11,12]]
        Tensor out = engine.zeros(d, 2, 2);
        engine.gemm(a, false, b, false, 1, 0, out);
        near(d, new double[] {58, 64, 139, 154}, out);
        Tensor at = t(d, s(3, 2), 1, 4, 2, 5, 3, 6);         // a^T
        engine.gemm(at, true, b, false, 1, 0, out);
        near(d, new double[] {58, 64, 139, 154}, out);
        Tensor bt = t(d, s(2, 3), 7, 9, 11, 8, 10, 12);      // b^T
        engine.gemm(a, false, bt, true, 1, 0, out);
        near(d, new double[] {58, 64, 139, 154}, out);
        engine.gemm(at, true, bt, true, 1, 0, out);
        near(d, new double[] {58, 64, 139, 154}, out);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gemmScalesAndAccumulates(DType d) {
        Tensor a = t(d, s(2, 2), 1, 2, 3, 4);
        Tensor b = t(d, s(2, 2), 1, 0, 0, 1);
        Tensor out = t(d, s(2, 2), 10, 20, 30, 40);
        engine.gemm(a, false, b, false, 2, 0.5, out);        // 2*a + 0.5*out
        near(d, new double[] {7, 14, 21, 28}, out);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gemmRejectsMismatchedShapes(DType d) {
        Tensor a = engine.zeros(d, 2, 3);
        Tensor out = engine.zeros(d, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.gemm(a, false, a, false, 1, 0, out));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void mulRowVectorScalesColumns(DType d) {
        Tensor m = t(d, s(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor row = v(d, 2, -1, 0.5);
        Tensor out = engine.zeros(d, 2, 3);
        engine.mulRowVector(m, row, out);
        near(d, new double[] {2, -2, 1.5, 8, -5, 3}, out);
        engine.mulRowVector(m, row, m);                      // in place
        near(d, new double[] {2, -2, 1.5, 8, -5, 3}, m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.mulRowVector(m, v(d, 1, 2), out));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void rowVectorsAndColumnSums(DType d) {
        Tensor m = t(d, s(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor row = v(d, 10, 20, 30);
        Tensor out = engine.zeros(d, 2, 3);
        engine.addRowVector(m, row, out);
        near(d, new double[] {11, 22, 33, 14, 25, 36}, out);
        Tensor sums = engine.zeros(d, 3);
        engine.columnSums(m, sums);
        near(d, new double[] {5, 7, 9}, sums);
        engine.addRowVector(m, row, m);
        near(d, new double[] {11, 22, 33, 14, 25, 36}, m);
    }

    // ---- element-wise

    @ParameterizedTest
    @EnumSource(DType.class)
    void arithmetic(DType d) {
        Tensor a = v(d, 1, -2, 3, 8);
        Tensor b = v(d, 2, 4, -1, 0.5);
        Tensor out = engine.zeros(d, 4);
        engine.add(a, b, out);
        near(d, new double[] {3, 2, 2, 8.5}, out);
        engine.sub(a, b, out);
        near(d, new double[] {-1, -6, 4, 7.5}, out);
        engine.mul(a, b, out);
        near(d, new double[] {2, -8, -3, 4}, out);
        engine.div(a, b, out);
        near(d, new double[] {0.5, -0.5, -3, 16}, out);
        engine.scale(a, -0.5, out);
        near(d, new double[] {-0.5, 1, -1.5, -4}, out);
        engine.addScalar(a, 0.25, out);
        near(d, new double[] {1.25, -1.75, 3.25, 8.25}, out);
        engine.axpy(2, b, a);                                // a += 2b, in place
        near(d, new double[] {5, 6, 1, 9}, a);
        engine.add(a, a, a);                                 // fully aliased
        near(d, new double[] {10, 12, 2, 18}, a);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void unaryFunctions(DType d) {
        Tensor a = v(d, 0.25, 1, 4, 9);
        Tensor out = engine.zeros(d, 4);
        engine.square(a, out);
        near(d, new double[] {0.0625, 1, 16, 81}, out);
        engine.sqrt(a, out);
        near(d, new double[] {0.5, 1, 2, 3}, out);
        engine.exp(v(d, 0, 1, -1, 2), out);
        near(d, new double[] {1, Math.E, 1 / Math.E, Math.exp(2)}, out);
        engine.log(v(d, 1, Math.E, 0.5, 10), out);
        near(d, new double[] {0, 1, Math.log(0.5), Math.log(10)}, out);
        engine.clip(v(d, -1, 0.5, 2, 0), 0, 1, out);
        near(d, new double[] {0, 0.5, 1, 0}, out);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void elementwiseRejectsMismatchedShapes(DType d) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.add(engine.zeros(d, 3), engine.zeros(d, 4), engine.zeros(d, 3)));
        assertTrue(e.getMessage().contains("shapes differ"), e.getMessage());
    }

    // ---- reductions

    @ParameterizedTest
    @EnumSource(DType.class)
    void reductions(DType d) {
        Tensor a = t(d, s(2, 2), 1, 2, 3, 4);
        Tensor b = t(d, s(2, 2), 0, 1, -1, 2);
        assertEquals(10, engine.sum(a), tol(d));
        assertEquals(7, engine.dot(a, b), tol(d));
        assertEquals(1 + 1 + 16 + 4, engine.squaredDistance(a, b), tol(d) * 22);
    }

    // ---- fused optimizer steps

    @ParameterizedTest
    @EnumSource(DType.class)
    void adamMomentsFollowAlgorithmOne(DType d) {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-3;                                    // large, so that its placement shows
        double[][] grads = {{0.5, -2, 0.01, 0}, {-1, 3, 0.02, 0}};
        Tensor g = engine.zeros(d, 4);
        Tensor m = engine.zeros(d, 4);
        Tensor s = engine.zeros(d, 4);
        double[] em = new double[4];
        double[] ev = new double[4];
        double[] eu = new double[4];
        for (int t = 1; t <= 2; t++) {
            engine.assign(g, grads[t - 1]);
            engine.adamMoments(g, m, s, b1, b2, eps, t);
            for (int i = 0; i < 4; i++) {
                double gi = grads[t - 1][i];
                em[i] = b1 * em[i] + (1 - b1) * gi;
                ev[i] = b2 * ev[i] + (1 - b2) * gi * gi;
                eu[i] = em[i] / (1 - Math.pow(b1, t)) / (Math.sqrt(ev[i] / (1 - Math.pow(b2, t))) + eps);
            }
            near(d, eu, g);
        }
        near(d, em, m);
        near(d, ev, s);
    }

    // ---- randomness

    @ParameterizedTest
    @EnumSource(DType.class)
    void randomStreamsAreSeeded(DType d) {
        Tensor a = engine.zeros(d, 1000);
        Tensor b = engine.zeros(d, 1000);
        engine.random(42).fillGaussian(a, 0, 1);
        engine.random(42).fillGaussian(b, 0, 1);
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
        engine.random(43).fillGaussian(b, 0, 1);
        assertNotEquals(Arrays.toString(a.toDoubleArray()), Arrays.toString(b.toDoubleArray()));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void randomDistributionsHaveTheirMoments(DType d) {
        int n = 20_000;
        RandomStream r = engine.random(7);
        Tensor a = engine.zeros(d, n);
        r.fillGaussian(a, 0.5, 2);
        double[] g = a.toDoubleArray();
        double mean = Arrays.stream(g).average().orElseThrow();
        double var = Arrays.stream(g).map(x -> (x - mean) * (x - mean)).sum() / n;
        assertEquals(0.5, mean, 0.05);
        assertEquals(4, var, 0.2);
        r.fillUniform(a, -1, 3);
        double[] u = a.toDoubleArray();
        assertTrue(Arrays.stream(u).allMatch(x -> x >= -1 && x < 3));
        assertEquals(1, Arrays.stream(u).average().orElseThrow(), 0.05);
        r.fillBernoulli(a, 0.2);
        double[] bern = a.toDoubleArray();
        assertTrue(Arrays.stream(bern).allMatch(x -> x == 0 || x == 1));
        assertEquals(0.2, Arrays.stream(bern).average().orElseThrow(), 0.02);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aRestoredStreamRepeatsItsDraws(DType d) {
        RandomStream r = engine.random(11);
        Tensor a = engine.zeros(d, 257);
        r.fillGaussian(a, 0, 1);
        long[] saved = r.state();
        double[][] expected = new double[3][];
        r.fillGaussian(a, 0, 1);
        expected[0] = a.toDoubleArray();
        r.fillUniform(a, -1, 1);
        expected[1] = a.toDoubleArray();
        r.fillBernoulli(a, 0.3);
        expected[2] = a.toDoubleArray();
        RandomStream other = engine.random(99);      // another seed: the state is the whole position
        other.restore(saved);
        other.fillGaussian(a, 0, 1);
        assertArrayEquals(expected[0], a.toDoubleArray());
        other.fillUniform(a, -1, 1);
        assertArrayEquals(expected[1], a.toDoubleArray());
        other.fillBernoulli(a, 0.3);
        assertArrayEquals(expected[2], a.toDoubleArray());
        r.restore(saved);                             // and a stream can go back to its own past
        r.fillGaussian(a, 0, 1);
        assertArrayEquals(expected[0], a.toDoubleArray());
    }

    @Test
    void theEngineListsItsStreamsInTheOrderMade() {
        int before = engine.randomStreams().size();
        RandomStream first = engine.random(1);
        RandomStream second = engine.random(2);
        List<RandomStream> all = engine.randomStreams();
        assertEquals(before + 2, all.size());
        assertSame(first, all.get(before));
        assertSame(second, all.get(before + 1));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void bernoulliAtZeroAndOneIsExact(DType d) {
        // 200,000 draws: an engine whose Bernoulli(0) is "u <= 0" yields a stray 1 here
        Tensor a = engine.zeros(d, 200_000);
        RandomStream r = engine.random(6);
        r.fillBernoulli(a, 0);
        assertEquals(0, engine.sum(a));
        r.fillBernoulli(a, 1);
        assertEquals(200_000, engine.sum(a));
    }

    // ---- scopes

    @ParameterizedTest
    @EnumSource(DType.class)
    void scopedTemporariesWork(DType d) {
        Tensor kept = engine.zeros(d, 3);
        for (int step = 0; step < 3; step++) {
            try (Scope scope = engine.scope()) {
                Tensor tmp = scope.zeros(d, 3);
                engine.fill(tmp, step + 1);
                engine.add(kept, tmp, kept);
                Tensor x = v(d, -1, 0, 1);
                engine.activate(Activation.SOFTPLUS, x, x);
            }
        }
        near(d, new double[] {6, 6, 6}, kept);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void tensorsMadeByTheEngineOutliveTheScopeTheyWereMadeIn(DType d) {
        Tensor kept;
        try (Scope ignored = engine.scope()) {
            kept = engine.zeros(d, 2);
            engine.fill(kept, 3);
        }
        for (int step = 0; step < 3; step++) {
            try (Scope scope = engine.scope()) {
                Tensor tmp = scope.zeros(d, 2);
                engine.fill(tmp, 1);
                engine.add(kept, tmp, kept);
            }
        }
        near(d, new double[] {6, 6}, kept);
    }
}
