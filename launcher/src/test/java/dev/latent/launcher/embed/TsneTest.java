package dev.latent.launcher.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * t-SNE's affinities have the asked perplexity, its gradient is KL's (finite differences in
 * float64), and 2,000 points in 10 well-separated Gaussian clusters come out as 10 clusters.
 */
class TsneTest {

    @Test
    void eachConditionalHasTheAskedPerplexity() {
        Random random = new Random(3);
        int n = 300;
        double[] d = new double[n];
        for (int j = 0; j < n; j++) {
            d[j] = j == 7 ? 0 : 1 + 50 * random.nextDouble();
        }
        for (double perplexity : new double[] {5, 30, 100}) {
            double[] row = new double[n];
            Tsne.conditional(d, 7, Math.log(perplexity), row, 0);
            double sum = 0;
            double entropy = 0;
            for (double p : row) {
                sum += p;
                entropy -= p > 0 ? p * Math.log(p) : 0;
            }
            assertEquals(0, row[7]);
            assertEquals(1, sum, 1e-12);
            assertEquals(perplexity, Math.exp(entropy), perplexity * 1e-4, "perplexity " + perplexity);
        }
    }

    @Test
    void affinitiesAreSymmetricAndSumToOne() {
        double[][] x = gaussianClusters(60, 3, 4, 5, new Random(1)).points;
        float[] p = Tsne.affinities(x, 10);
        double sum = 0;
        for (int i = 0; i < 60; i++) {
            assertEquals(0, p[i * 60 + i]);
            for (int j = 0; j < 60; j++) {
                assertEquals(p[i * 60 + j], p[j * 60 + i]);
                sum += p[i * 60 + j];
            }
        }
        assertEquals(1, sum, 1e-6);          // float affinities: about 1e-7 relative rounding each
    }

    @Test
    void theGradientIsThatOfTheDivergence() {
        Random random = new Random(2);
        int n = 12;
        double[][] x = gaussianClusters(n, 2, 3, 2, random).points;
        float[] p = Tsne.affinities(x, 4);
        double[] y = new double[2 * n];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextGaussian();
        }
        double[] gradient = new double[2 * n];
        Tsne.gradient(p, 1, y, gradient);
        double h = 1e-6;
        for (int i = 0; i < y.length; i++) {
            double keep = y[i];
            y[i] = keep + h;
            double plus = Tsne.divergence(p, y);
            y[i] = keep - h;
            double minus = Tsne.divergence(p, y);
            y[i] = keep;
            assertEquals((plus - minus) / (2 * h), gradient[i], 1e-7, "coordinate " + i);
        }
    }

    @Test
    void separatesTenGaussianClustersOf200PointsEach() {
        Clusters c = gaussianClusters(2000, 10, 20, 10, new Random(4));
        long start = System.nanoTime();
        Tsne.Result r = new Tsne(30, 7).embed(c.points);
        double seconds = (System.nanoTime() - start) / 1e9;
        double agreement = nearestNeighbourAgreement(r.points(), c.labels);
        assertTrue(agreement > 0.95, "nearest-neighbour label agreement " + agreement);
        assertTrue(r.divergence() > 0 && r.divergence() < 2, "KL " + r.divergence());
        System.out.printf("t-SNE of 2,000 points: %.1f s, KL %.3f, 1-NN agreement %.4f%n", seconds, r.divergence(),
                agreement);
    }

    @Test
    void aSeedGivesTheSameEmbedding() {
        double[][] x = gaussianClusters(200, 4, 5, 6, new Random(5)).points;
        Tsne.Result a = new Tsne(20, 11, 100).embed(x);
        Tsne.Result b = new Tsne(20, 11, 100).embed(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(a.points()[i], b.points()[i]);
        }
    }

    @Test
    void refusesTooFewPointsOrATooLargePerplexity() {
        double[][] x = gaussianClusters(40, 2, 3, 2, new Random(6)).points;
        assertEquals("the perplexity must be below the number of points (40), found 40.0",
                assertThrows(IllegalArgumentException.class, () -> new Tsne(40, 1).embed(x)).getMessage());
        assertEquals("t-SNE embeds 2 to 5000 points, found 1",
                assertThrows(IllegalArgumentException.class, () -> new Tsne(5, 1).embed(new double[1][3])).getMessage());
        assertEquals("the perplexity must be positive, found -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Tsne(-1, 1)).getMessage());
    }

    /** The share of points whose nearest other point (Euclidean) has the same label. */
    static double nearestNeighbourAgreement(double[][] points, int[] labels) {
        int same = 0;
        for (int i = 0; i < points.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            int nearest = -1;
            for (int j = 0; j < points.length; j++) {
                if (j != i) {
                    double dx = points[i][0] - points[j][0];
                    double dy = points[i][1] - points[j][1];
                    if (dx * dx + dy * dy < best) {
                        best = dx * dx + dy * dy;
                        nearest = j;
                    }
                }
            }
            same += labels[nearest] == labels[i] ? 1 : 0;
        }
        return (double) same / points.length;
    }

    record Clusters(double[][] points, int[] labels) {
    }

    /** n points in {@code dim} dimensions around k centres on scaled axes, unit noise, labels by centre. */
    static Clusters gaussianClusters(int n, int k, int dim, double separation, Random random) {
        double[][] points = new double[n][dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
            for (int d = 0; d < dim; d++) {
                points[i][d] = random.nextGaussian() + (d == labels[i] % dim ? separation : 0);
            }
        }
        return new Clusters(points, labels);
    }
}
