package dev.latent.launcher.embed;

import dev.latent.api.engine.Engine;
import dev.latent.launcher.eval.Pca;
import dev.latent.launcher.output.AtomicFiles;
import dev.latent.launcher.output.Charts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Scatter plots of codes in the plane, coloured by label: a code of 1 or 2 values is drawn as
 * it is ({@code latent.png}; a 1-value code against the label); a longer one is projected on
 * its two leading principal components ({@code pca.png}, {@link Pca}) and embedded by t-SNE
 * ({@code tsne.png}, {@link Tsne}) of at most {@link Tsne#MAX_POINTS} codes (the first ones).
 */
public final class LatentPlots {

    private LatentPlots() {
    }

    /**
     * Writes the plots of {@code codes} into {@code folder} and returns what they measured
     * (explained variance, t-SNE's divergence and time) for {@code embed.json}.
     */
    public static Map<String, Object> write(Engine engine, Codes codes, double perplexity, long seed, Path folder,
                                            java.io.PrintStream log) throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        int[] labels = codes.labels();
        if (codes.size() <= 2) {
            double[][] points = codes.rows();
            String xTitle = "z0";
            String yTitle = "z1";
            if (codes.size() == 1) {
                for (int i = 0; i < points.length; i++) {
                    points[i] = new double[] {points[i][0], labels.length == 0 ? 0 : labels[i]};
                }
                yTitle = "label";
            }
            plot(folder.resolve("latent.png"), "The " + codes.size() + "-D latent space of " + codes.count() + " test samples",
                    xTitle, yTitle, points, labels);
            return facts;
        }
        Pca pca = Pca.fit(engine, codes.asSplit(), 2);
        facts.put("pca_explained_variance", pca.explainedVariance());
        plot(folder.resolve("pca.png"), String.format(Locale.ROOT, "PCA of %d codes of %d (%.1f%% of the variance)",
                codes.count(), codes.size(), 100 * pca.explainedVariance()), "PC 1", "PC 2",
                pca.encode(codes.asSplit()), labels);
        int n = Math.min(codes.count(), Tsne.MAX_POINTS);
        if (n < codes.count()) {
            log.printf("t-SNE is exact (time and memory grow with n^2): it embeds the first %d of the %d codes%n", n,
                    codes.count());
        }
        if (perplexity >= n) {
            log.printf("no t-SNE: the perplexity (%s) must be below the number of codes (%d)%n", perplexity, n);
            return facts;
        }
        long start = System.nanoTime();
        Tsne.Result r = new Tsne(perplexity, seed).embed(Arrays.copyOf(codes.rows(), n));
        double seconds = (System.nanoTime() - start) / 1e9;
        facts.put("tsne_samples", n);
        facts.put("tsne_perplexity", perplexity);
        facts.put("tsne_kl_divergence", r.divergence());
        facts.put("tsne_seconds", seconds);
        log.printf(Locale.ROOT, "t-SNE of %d codes: KL %.3f, %.1f s%n", n, r.divergence(), seconds);
        plot(folder.resolve("tsne.png"), String.format(Locale.ROOT, "t-SNE of %d codes of %d (perplexity %s)", n,
                codes.size(), trim(perplexity)), "t-SNE 1", "t-SNE 2", r.points(),
                labels.length == 0 ? labels : Arrays.copyOf(labels, n));
        return facts;
    }

    private static void plot(Path file, String title, String x, String y, double[][] points, int[] labels)
            throws IOException {
        AtomicFiles.write(file, out -> Charts.scatter(title, x, y, points, labels, out));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
