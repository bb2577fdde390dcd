package dev.latent.launcher.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.Engine;
import dev.latent.launcher.TestHome;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PCA on synthetic data of known rank: exact recovery with as many components as the rank, and
 * with fewer a training error equal to the discarded eigenvalues' sum over d; plus the time of a
 * 784-dimensional fit, the size latent eval needs.
 */
class PcaTest {

    private static Engine engine;

    @BeforeAll
    static void startCpuEngine() throws Exception {
        engine = TestHome.cpuEngine();
    }

    /** n samples mu + z A with z ~ N(0, diag(scales^2)) in r dimensions and A a random r x d basis. */
    private static DataSplit lowRank(int n, int d, double[] scales, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int r = scales.length;
        double[][] basis = new double[r][d];
        SplittableRandom fixed = new SplittableRandom(99);               // the same subspace for every seed
        for (double[] row : basis) {
            for (int j = 0; j < d; j++) {
                row[j] = fixed.nextDouble(-1, 1);
            }
        }
        float[] values = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] z = new double[r];
            for (int c = 0; c < r; c++) {
                z[c] = scales[c] * gaussian(random);
            }
            for (int j = 0; j < d; j++) {
                double x = 0.5 + 0.01 * j;
                for (int c = 0; c < r; c++) {
                    x += z[c] * basis[c][j];
                }
                values[i * d + j] = (float) x;
            }
        }
        return new DataSplit(new int[] {d}, values, new int[0]);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void asManyComponentsAsTheRankRecoverUnseenSamplesExactly() {
        DataSplit train = lowRank(400, 30, new double[] {3, 2, 1}, 1);
        DataSplit test = lowRank(100, 30, new double[] {3, 2, 1}, 2);
        Pca pca = Pca.fit(engine, train, 3);
        assertTrue(pca.meanSquaredError(test) < 1e-12, "rank-3 data, 3 components: " + pca.meanSquaredError(test));
        double[] eigenvalues = pca.eigenvalues();
        assertTrue(eigenvalues[2] > 0.1 && Math.abs(eigenvalues[3]) < 1e-10, Arrays.toString(eigenvalues));
        assertEquals(1, pca.explainedVariance(), 1e-12);
        assertEquals(3, pca.encode(test)[0].length);
    }

    @Test
    void theTrainingErrorIsTheSumOfTheDiscardedEigenvaluesOverD() {
        DataSplit train = lowRank(500, 20, new double[] {4, 3, 2, 1, 0.5}, 3);
        Pca pca = Pca.fit(engine, train, 2);
        double[] eigenvalues = pca.eigenvalues();
        for (int i = 1; i < eigenvalues.length; i++) {
            assertTrue(eigenvalues[i] <= eigenvalues[i - 1], "largest first");
        }
        double discarded = Arrays.stream(eigenvalues, 2, 20).sum();
        assertTrue(discarded > 1, "the error is not trivially 0: " + discarded);
        assertEquals(discarded / 20, pca.meanSquaredError(train), 1e-9 * discarded);
        double total = Arrays.stream(eigenvalues).sum();
        assertEquals(1 - discarded / total, pca.explainedVariance(), 1e-12);
    }

    /**
     * The fit's processor time (of the whole process: the engine's gemm with one thread, the Java
     * eigendecomposition, and the JIT and collector besides): wall time on a machine shared by
     * other jobs says little.
     */
    @Test
    void aMnistSizedFitTakesAFewSecondsAtMost() {
        DataSplit train = lowRank(7200, 784, new double[] {5, 4, 3, 2, 1, 1, 1, 1}, 4);
        long start = System.nanoTime();
        double cpu = processorSeconds();
        Pca pca = Pca.fit(engine, train, 32);
        double cpuSeconds = processorSeconds() - cpu;
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(cpuSeconds < 8, "a 7200 x 784 fit took " + cpuSeconds + " s of processor time");
        assertEquals(32, pca.components());
        System.out.printf("PcaTest: 7200 x 784 fit, 32 components, %.2f s processor time, %.2f s wall%n", cpuSeconds,
                seconds);
    }

    private static double processorSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
    }

    @Test
    void componentsOutsideOneToDAreRefused() {
        DataSplit train = lowRank(10, 4, new double[] {1}, 5);
        assertEquals("the number of components must be in [1, 4], found 5",
                assertThrows(IllegalArgumentException.class, () -> Pca.fit(engine, train, 5)).getMessage());
    }
}
