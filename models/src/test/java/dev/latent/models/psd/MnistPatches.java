package dev.latent.models.psd;

import dev.latent.models.ae.MnistSubset;
import java.util.Random;

/**
 * Random 9x9 crops of the bundled MNIST digits, a stand-in for natural-image patches in this
 * module's tests: each crop has its mean removed and is divided by its standard deviation
 * (a per-patch contrast normalisation), and crops with a standard deviation below 0.1 (blank
 * background) are skipped.
 */
final class MnistPatches {

    static final int SIZE = 9;

    private MnistPatches() {
    }

    /** {@code count} patches as rows of 81 values, from the first {@code images} digits of a split, seeded. */
    static double[] sample(String split, int images, int count, long seed) {
        double[] digits = MnistSubset.images(split, images);
        Random r = new Random(seed);
        int n = SIZE * SIZE;
        double[] out = new double[count * n];
        double[] patch = new double[n];
        int made = 0;
        while (made < count) {
            int image = r.nextInt(images);
            int top = r.nextInt(28 - SIZE + 1);
            int left = r.nextInt(28 - SIZE + 1);
            double mean = 0;
            for (int i = 0; i < SIZE; i++) {
                for (int j = 0; j < SIZE; j++) {
                    patch[i * SIZE + j] = digits[image * 784 + (top + i) * 28 + left + j];
                    mean += patch[i * SIZE + j] / n;
                }
            }
            double variance = 0;
            for (double v : patch) {
                variance += (v - mean) * (v - mean) / n;
            }
            double std = Math.sqrt(variance);
            if (std < 0.1) {
                continue;
            }
            for (int p = 0; p < n; p++) {
                out[made * n + p] = (patch[p] - mean) / std;
            }
            made++;
        }
        return out;
    }
}
