package dev.latent.launcher.embed;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Exact t-distributed stochastic neighbour embedding (t-SNE; van der Maaten and Hinton, "Visualizing
 * Data using t-SNE", JMLR 9, 2008) of a few thousand points into the plane.
 *
 * <ol>
 *   <li>Input affinities: for each point i a Gaussian {@code p(j|i) ~ exp(-beta_i |x_i - x_j|^2)}
 *       whose precision beta_i is found by bisection so that its perplexity
 *       {@code 2^H(P_i)} (H in bits; here {@code exp} of H in nats) equals the given perplexity;
 *       then {@code p_ij = (p(j|i) + p(i|j)) / 2n}.
 *   <li>Output affinities: a Student t with one degree of freedom,
 *       {@code q_ij = (1 + |y_i - y_j|^2)^-1 / Z}.
 *   <li>Gradient of KL(P || Q) (equation 5 of the paper):
 *       {@code dC/dy_i = 4 sum_j (p_ij - q_ij) (y_i - y_j) (1 + |y_i - y_j|^2)^-1}.
 *   <li>Optimisation as in the paper and its reference implementations: 1,000 steps of gradient
 *       descent with momentum (0.5 for the first 250 steps, then 0.8), the delta-bar-delta gains
 *       of Jacobs (1988) ({@code +0.2} while the gradient still points against the last update,
 *       {@code x0.8} once it turns, at least 0.01), early exaggeration of P by 12 for the first 250 steps, the learning rate
 *       {@code max(n / 12 / 4, 50)} of Belkina et al. (2019) as in scikit-learn, and a start
 *       at {@code N(0, 1e-4 I)} drawn from the seed. The embedding is centred after each step.
 * </ol>
 *
 * <p>Exact, not Barnes-Hut: time and memory grow with n^2 (P is held as an n x n matrix of
 * floats: 16 MB for n = 2,000), which is why {@link #MAX_POINTS} bounds n; 2,000 points take
 * about 14 s of CPU time on our machine. The rows of each step are computed in parallel, each row summing in a fixed order, so a seed gives the same
 * embedding whatever the number of threads. Immutable settings; {@link #embed} is thread-safe.
 */
public final class Tsne {

    /** The largest number of points embedded: 10,000 points would hold 400 MB of affinities. */
    public static final int MAX_POINTS = 5_000;
    public static final double DEFAULT_PERPLEXITY = 30;

    private static final int ITERATIONS = 1_000;
    private static final int EXAGGERATION_ITERATIONS = 250;
    private static final double EXAGGERATION = 12;
    private static final double INITIAL_MOMENTUM = 0.5;
    private static final double FINAL_MOMENTUM = 0.8;
    private static final double MIN_GAIN = 0.01;
    private static final double INITIAL_SPREAD = 1e-4;
    private static final double PERPLEXITY_TOLERANCE = 1e-5;
    private static final int BISECTION_STEPS = 200;

    private final double perplexity;
    private final long seed;
    private final int iterations;

    /**
     * @param perplexity the effective number of neighbours each point keeps, typically 5 to 50
     * @param seed       the seed of the starting positions
     */
    public Tsne(double perplexity, long seed) {
        this(perplexity, seed, ITERATIONS);
    }

    Tsne(double perplexity, long seed, int iterations) {
        if (!(perplexity > 0) || Double.isInfinite(perplexity)) {
            throw new IllegalArgumentException("the perplexity must be positive, found " + perplexity);
        }
        this.perplexity = perplexity;
        this.seed = seed;
        this.iterations = iterations;
    }

    /** The embedding and the Kullback-Leibler divergence KL(P || Q) it ended with. */
    public record Result(double[][] points, double divergence) {
    }

    /**
     * Embeds {@code x} (n rows of equal length) into the plane.
     *
     * @throws IllegalArgumentException when n is below 2 or above {@link #MAX_POINTS}, or when
     *                                  the perplexity is not below n
     */
    public Result embed(double[][] x) {
        int n = x.length;
        if (n < 2 || n > MAX_POINTS) {
            throw new IllegalArgumentException("t-SNE embeds 2 to " + MAX_POINTS + " points, found " + n);
        }
        if (perplexity >= n) {
            throw new IllegalArgumentException("the perplexity must be below the number of points (" + n + "), found "
                    + perplexity);
        }
        float[] p = affinities(x, perplexity);
        double[] y = new double[2 * n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < y.length; i++) {
            y[i] = INITIAL_SPREAD * gaussian(random);
        }
        double[] gradient = new double[2 * n];
        double[] update = new double[2 * n];
        double[] gains = new double[2 * n];
        Arrays.fill(gains, 1);
        double learningRate = Math.max(n / EXAGGERATION / 4, 50);
        for (int t = 0; t < iterations; t++) {
            boolean early = t < EXAGGERATION_ITERATIONS;
            gradient(p, early ? EXAGGERATION : 1, y, gradient);
            double momentum = early ? INITIAL_MOMENTUM : FINAL_MOMENTUM;
            for (int i = 0; i < y.length; i++) {
                boolean sameSign = (gradient[i] > 0) == (update[i] > 0);
                gains[i] = Math.max(MIN_GAIN, sameSign ? gains[i] * 0.8 : gains[i] + 0.2);
                update[i] = momentum * update[i] - learningRate * gains[i] * gradient[i];
                y[i] += update[i];
            }
            centre(y);
        }
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = new double[] {y[2 * i], y[2 * i + 1]};
        }
        return new Result(points, divergence(p, y));
    }

    /**
     * The symmetric input affinities p_ij as an n x n row-major matrix (zero diagonal, sum 1), in
     * single precision to halve the memory (the bisection itself runs in double precision).
     */
    static float[] affinities(double[][] x, double perplexity) {
        int n = x.length;
        float[] p = new float[n * n];
        double target = Math.log(perplexity);
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] d = new double[n];
            for (int j = 0; j < n; j++) {
                d[j] = j == i ? 0 : squaredDistance(x[i], x[j]);
            }
            double[] row = new double[n];
            conditional(d, i, target, row, 0);
            for (int j = 0; j < n; j++) {
                p[i * n + j] = (float) row[j];
            }
        });
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float s = Math.max((p[i * n + j] + p[j * n + i]) / (2f * n), Float.MIN_NORMAL);
                p[i * n + j] = s;
                p[j * n + i] = s;
            }
        }
        return p;
    }

    /**
     * Writes the conditional p(j|i) of one row into {@code out[offset..offset+n)}: bisection on
     * beta until the entropy H (in nats) is within {@link #PERPLEXITY_TOLERANCE} of ln(perplexity).
     */
    static void conditional(double[] d, int i, double target, double[] out, int offset) {
        int n = d.length;
        double beta = 1;
        double low = 0;
        double high = Double.POSITIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (j != i) {
                min = Math.min(min, d[j]);
            }
        }
        for (int step = 0; step < BISECTION_STEPS; step++) {
            // shifting by the nearest distance keeps exp from underflowing for large beta
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < n; j++) {
                double e = j == i ? 0 : Math.exp(-beta * (d[j] - min));
                out[offset + j] = e;
                sum += e;
                weighted += e * (d[j] - min);
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int j = 0; j < n; j++) {
                out[offset + j] /= sum;
            }
            double gap = entropy - target;
            if (Math.abs(gap) < PERPLEXITY_TOLERANCE) {
                return;
            }
            if (gap > 0) {          // too flat: sharpen
                low = beta;
                beta = Double.isInfinite(high) ? beta * 2 : (beta + high) / 2;
            } else {
                high = beta;
                beta = (beta + low) / 2;
            }
        }
    }

    /**
     * The gradient of KL(exaggeration * P || Q) with respect to each y, into {@code out}, in one
     * pass over the pairs: with {@code k_ij = (1 + |y_i - y_j|^2)^-1} and {@code q_ij = k_ij / Z},
     * {@code dC/dy_i = 4 (sum_j p_ij k_ij (y_i - y_j) - (1/Z) sum_j k_ij^2 (y_i - y_j))}, the
     * attractive and repulsive sums of each row gathered together with its share of Z.
     */
    static void gradient(float[] p, double exaggeration, double[] y, double[] out) {
        int n = y.length / 2;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = y[2 * i];
            ys[i] = y[2 * i + 1];
        }
        double[] rows = new double[5 * n];     // per row: share of Z, attraction x, y, repulsion x, y
        IntStream.range(0, n).parallel().forEach(i -> {
            double xi = xs[i];
            double yi = ys[i];
            int row = i * n;
            double z = 0;
            double ax = 0;
            double ay = 0;
            double rx = 0;
            double ry = 0;
            for (int j = 0; j < n; j++) {      // j == i adds k = 1 to z only (p_ii = 0, y_i - y_i = 0)
                double dx = xi - xs[j];
                double dy = yi - ys[j];
                double k = 1 / (1 + dx * dx + dy * dy);
                double pk = p[row + j] * k;
                double kk = k * k;
                z += k;
                ax += pk * dx;
                ay += pk * dy;
                rx += kk * dx;
                ry += kk * dy;
            }
            rows[5 * i] = z - 1;
            rows[5 * i + 1] = ax;
            rows[5 * i + 2] = ay;
            rows[5 * i + 3] = rx;
            rows[5 * i + 4] = ry;
        });
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += rows[5 * i];
        }
        for (int i = 0; i < n; i++) {
            out[2 * i] = 4 * (exaggeration * rows[5 * i + 1] - rows[5 * i + 3] / z);
            out[2 * i + 1] = 4 * (exaggeration * rows[5 * i + 2] - rows[5 * i + 4] / z);
        }
    }

    /** KL(P || Q) = sum p_ij ln(p_ij / q_ij) of the embedding {@code y}. */
    static double divergence(float[] p, double[] y) {
        int n = y.length / 2;
        double z = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    z += kernel(y, i, j);
                }
            }
        }
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double q = Math.max(kernel(y, i, j) / z, Double.MIN_NORMAL);
                    kl += p[i * n + j] * Math.log(p[i * n + j] / q);
                }
            }
        }
        return kl;
    }

    /** The Student-t kernel (1 + |y_i - y_j|^2)^-1. */
    private static double kernel(double[] y, int i, int j) {
        double dx = y[2 * i] - y[2 * j];
        double dy = y[2 * i + 1] - y[2 * j + 1];
        return 1 / (1 + dx * dx + dy * dy);
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double e = a[k] - b[k];
            s += e * e;
        }
        return s;
    }

    private static void centre(double[] y) {
        int n = y.length / 2;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += y[2 * i];
            my += y[2 * i + 1];
        }
        mx /= n;
        my /= n;
        for (int i = 0; i < n; i++) {
            y[2 * i] -= mx;
            y[2 * i + 1] -= my;
        }
    }

    /** A standard normal draw (Box-Muller), so that the start depends on the seed alone. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
