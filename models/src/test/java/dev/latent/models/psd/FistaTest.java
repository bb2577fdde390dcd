package dev.latent.models.psd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.models.TestEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FISTA against independent checks: the optimality conditions, an exact LASSO by enumeration, host ISTA. */
class FistaTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    /** A dense dictionary [n, k] holding exactly {@code d} (not normalised), with its solver. */
    private record Problem(LinearDictionary dictionary, PowerIteration power, Fista fista) implements AutoCloseable {
        @Override
        public void close() {
            fista.close();
            power.close();
            dictionary.close();
        }
    }

    private Problem problem(double[] d, int n, int k, double lambda, int maxIterations, double tolerance) {
        LinearDictionary dictionary = new LinearDictionary("d", new int[] {n}, k, engine, F64, engine.random(1));
        engine.assign(dictionary.parameter().value(), d);
        PowerIteration power = new PowerIteration(engine, F64, dictionary, engine.random(2));
        return new Problem(dictionary, power, new Fista(engine, F64, dictionary, power, lambda, maxIterations, tolerance));
    }

    private static double[] gaussian(Random r, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /** 2 D^T (D z - y) for one sample, on the host. */
    private static double[] smoothGradient(double[] d, int n, int k, double[] y, double[] z) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = -y[i];
            for (int j = 0; j < k; j++) {
                r[i] += d[i * k + j] * z[j];
            }
        }
        double[] g = new double[k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                g[j] += 2 * d[i * k + j] * r[i];
            }
        }
        return g;
    }

    private static double energy(double[] d, int n, int k, double[] y, double[] z, double lambda) {
        double e = 0;
        for (int i = 0; i < n; i++) {
            double r = -y[i];
            for (int j = 0; j < k; j++) {
                r += d[i * k + j] * z[j];
            }
            e += r * r;
        }
        for (double v : z) {
            e += lambda * Math.abs(v);
        }
        return e;
    }

    private static double[] row(double[] m, int i, int columns) {
        return java.util.Arrays.copyOfRange(m, i * columns, (i + 1) * columns);
    }

    @Test
    void theSolutionSatisfiesTheOptimalityConditions() {
        int n = 6;
        int k = 10;
        int batch = 5;
        double lambda = 0.8;
        Random r = new Random(3);
        double[] d = gaussian(r, n * k);
        double[] y = gaussian(r, batch * n);
        try (Problem p = problem(d, n, k, lambda, 20000, 1e-12)) {
            Tensor z = engine.zeros(F64, batch, k);
            FistaResult result = p.fista().solve(engine.fromArray(y, F64, batch, n), z, false);
            assertTrue(result.converged(), result::toString);
            double[] codes = z.toDoubleArray();
            int zeros = 0;
            for (int s = 0; s < batch; s++) {
                double[] zs = row(codes, s, k);
                double[] g = smoothGradient(d, n, k, row(y, s, n), zs);
                for (int j = 0; j < k; j++) {
                    if (Math.abs(zs[j]) > 1e-9) {
                        // 0 = 2 D_j^T (D z - y) + lambda sign(z_j)
                        assertEquals(0, g[j] + lambda * Math.signum(zs[j]), 1e-6, "sample " + s + " unit " + j);
                    } else {
                        zeros++;
                        assertTrue(Math.abs(g[j]) <= lambda + 1e-6, "|gradient| <= lambda where z = 0: " + g[j]);
                    }
                }
            }
            assertTrue(zeros > 5 && zeros < batch * k - 5, "a sparse, non-trivial solution: " + zeros + " zeros");
        }
    }

    @Test
    void matchesTheExactLassoFoundByEnumeratingSignPatterns() {
        int n = 5;
        int k = 4;
        double lambda = 0.5;
        Random r = new Random(11);
        double[] d = gaussian(r, n * k);
        for (int trial = 0; trial < 5; trial++) {
            double[] y = gaussian(r, n);
            double[] exact = exactLasso(d, n, k, y, lambda);
            try (Problem p = problem(d, n, k, lambda, 20000, 1e-13)) {
                Tensor z = engine.zeros(F64, 1, k);
                FistaResult result = p.fista().solve(engine.fromArray(y, F64, 1, n), z, false);
                double[] found = z.toDoubleArray();
                for (int j = 0; j < k; j++) {
                    assertEquals(exact[j], found[j], 1e-7, "trial " + trial + " unit " + j);
                }
                assertEquals(energy(d, n, k, y, exact, lambda), result.energy(), 1e-9);
            }
        }
    }

    /**
     * The LASSO minimum by brute force: for every sign pattern s in {-1, 0, 1}^k, the stationary
     * point of the energy restricted to the support (2 D_S^T D_S z_S = 2 D_S^T y - lambda s_S) is a
     * candidate when its signs agree with s; the candidate of least energy is the minimum.
     */
    private static double[] exactLasso(double[] d, int n, int k, double[] y, double lambda) {
        double[] best = new double[k];
        double bestEnergy = energy(d, n, k, y, best, lambda);
        int patterns = (int) Math.pow(3, k);
        for (int code = 1; code < patterns; code++) {
            int[] s = new int[k];
            List<Integer> support = new ArrayList<>();
            for (int j = 0, c = code; j < k; j++, c /= 3) {
                s[j] = c % 3 - 1;
                if (s[j] != 0) {
                    support.add(j);
                }
            }
            int m = support.size();
            double[][] a = new double[m][m + 1];
            for (int u = 0; u < m; u++) {
                for (int v = 0; v < m; v++) {
                    for (int i = 0; i < n; i++) {
                        a[u][v] += 2 * d[i * k + support.get(u)] * d[i * k + support.get(v)];
                    }
                }
                for (int i = 0; i < n; i++) {
                    a[u][m] += 2 * d[i * k + support.get(u)] * y[i];
                }
                a[u][m] -= lambda * s[support.get(u)];
            }
            double[] solution = solve(a);
            double[] z = new double[k];
            boolean consistent = true;
            for (int u = 0; u < m; u++) {
                z[support.get(u)] = solution[u];
                consistent &= Math.signum(solution[u]) == s[support.get(u)];
            }
            double e = energy(d, n, k, y, z, lambda);
            if (consistent && e < bestEnergy) {
                best = z;
                bestEnergy = e;
            }
        }
        return best;
    }

    /** Gaussian elimination with partial pivoting on an augmented [m, m + 1] system. */
    private static double[] solve(double[][] a) {
        int m = a.length;
        for (int c = 0; c < m; c++) {
            int pivot = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = c + 1; r < m; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j <= m; j++) {
                    a[r][j] -= f * a[c][j];
                }
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double v = a[r][m];
            for (int j = r + 1; j < m; j++) {
                v -= a[r][j] * x[j];
            }
            x[r] = v / a[r][r];
        }
        return x;
    }

    @Test
    void agreesWithHostIstaAndKeepsBeckAndTeboullesRate() {
        int n = 12;
        int k = 20;
        int batch = 3;
        double lambda = 1;
        Random r = new Random(5);
        double[] d = gaussian(r, n * k);
        double[] y = gaussian(r, batch * n);
        try (Problem p = problem(d, n, k, lambda, 20000, 1e-13)) {
            Tensor signals = engine.fromArray(y, F64, batch, n);
            Tensor z = engine.zeros(F64, batch, k);
            FistaResult solution = p.fista().solve(signals, z, false);
            double[] fista = z.toDoubleArray();
            double lipschitz = solution.lipschitz();
            // plain ISTA on the host, step 1/L, run long
            double[] ista = new double[batch * k];
            for (int s = 0; s < batch; s++) {
                double[] zs = new double[k];
                for (int it = 0; it < 200000; it++) {
                    double[] g = smoothGradient(d, n, k, row(y, s, n), zs);
                    for (int j = 0; j < k; j++) {
                        double v = zs[j] - g[j] / lipschitz;
                        zs[j] = Math.signum(v) * Math.max(Math.abs(v) - lambda / lipschitz, 0);
                    }
                }
                System.arraycopy(zs, 0, ista, s * k, k);
            }
            for (int i = 0; i < ista.length; i++) {
                assertEquals(ista[i], fista[i], 1e-6, "element " + i);
            }
            // F(x_k) - F* <= 2 L ||x_0 - x*||^2 / (k + 1)^2 (Beck and Teboulle 2009, Theorem 4.4), per sample
            double optimum = solution.energy();
            double distance = engine.dot(z, z) / batch;
            List<Double> trace = new ArrayList<>();
            Tensor again = engine.zeros(F64, batch, k);
            try (Problem q = problem(d, n, k, lambda, 300, 0)) {
                q.fista().solve(signals, again, false, trace::add);
            }
            assertEquals(300, trace.size());
            for (int it = 1; it <= trace.size(); it++) {
                double bound = 2 * lipschitz * distance / ((it + 1.0) * (it + 1.0));
                assertTrue(trace.get(it - 1) - optimum <= bound + 1e-12,
                        "iteration " + it + ": " + (trace.get(it - 1) - optimum) + " > " + bound);
            }
            assertTrue(trace.get(299) - optimum < 1e-6, "close to the optimum after 300: " + trace.get(299));
        }
    }

    @Test
    void aWarmStartAtTheSolutionStopsAtOnce() {
        int n = 8;
        int k = 16;
        Random r = new Random(7);
        double[] d = gaussian(r, n * k);
        double[] y = gaussian(r, 4 * n);
        try (Problem p = problem(d, n, k, 0.5, 20000, 1e-6)) {
            Tensor signals = engine.fromArray(y, F64, 4, n);
            Tensor z = engine.zeros(F64, 4, k);
            FistaResult cold = p.fista().solve(signals, z, false);
            FistaResult warm = p.fista().solve(signals, z, true);
            assertTrue(cold.iterations() > 20, cold::toString);
            assertTrue(warm.iterations() <= 2 && warm.converged(), warm::toString);
            assertEquals(cold.energy(), warm.energy(), 1e-8);
        }
    }

    @Test
    void stopsAtTheCapAndGivesZeroCodesForALargeLambda() {
        double[] d = gaussian(new Random(9), 6 * 8);
        double[] y = gaussian(new Random(10), 2 * 6);
        try (Problem capped = problem(d, 6, 8, 0.1, 3, 1e-12);
             Problem large = problem(d, 6, 8, 1e6, 100, 1e-4)) {
            Tensor signals = engine.fromArray(y, F64, 2, 6);
            FistaResult c = capped.fista().solve(signals, engine.zeros(F64, 2, 8), false);
            assertEquals(3, c.iterations());
            assertFalse(c.converged());
            Tensor z = engine.zeros(F64, 2, 8);
            FistaResult l = large.fista().solve(signals, z, false);
            assertEquals(1, l.iterations());
            assertTrue(l.converged());
            assertEquals(0, engine.dot(z, z));
            assertEquals(engine.dot(signals, signals) / 2, l.reconstruction(), 1e-12, "||y||^2 per sample");
        }
    }

    @Test
    void powerIterationFindsTheLargestSquaredSingularValue() {
        // D^T D of an [n, 2] matrix is 2x2: its largest eigenvalue in closed form
        int n = 7;
        double[] d = gaussian(new Random(12), n * 2);
        double a = 0;
        double b = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            a += d[2 * i] * d[2 * i];
            b += d[2 * i] * d[2 * i + 1];
            c += d[2 * i + 1] * d[2 * i + 1];
        }
        double expected = (a + c) / 2 + Math.sqrt((a - c) * (a - c) / 4 + b * b);
        try (Problem p = problem(d, n, 2, 1, 10, 0)) {
            assertEquals(expected, p.power().largestEigenvalue(), 1e-4 * expected);
            int first = p.power().lastIterations();
            assertEquals(expected, p.power().largestEigenvalue(), 1e-4 * expected);
            assertTrue(p.power().lastIterations() <= 2, "warm: " + p.power().lastIterations() + " after " + first);
        }
    }
}
