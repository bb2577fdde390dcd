package dev.latent.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalContrastNormalizationTest {

    @Test
    void theDefaultKernelIsTorchsNineByNineGaussianWithSigma1591() {
        double[] g = new LocalContrastNormalization(9).weights();
        // image.gaussian{size=9, sigma=1.591/9, normalize=true}: exp(-(p-4)^2 / (2 * 1.591^2)), normalised
        double[] raw = {0.04241, 0.16901, 0.45381, 0.82076, 1, 0.82076, 0.45381, 0.16901, 0.04241};
        double sum = 0;
        for (double v : raw) {
            sum += v;
        }
        for (int p = 0; p < 9; p++) {
            assertEquals(raw[p] / sum, g[p], 2e-5, "g_" + p);
        }
    }

    @ParameterizedTest(name = "kernel {0}")
    @ValueSource(ints = {3, 5, 9})
    void matchesTheEquationsSummedDirectlyInTwoDimensions(int k) {
        int w = 23;
        int h = 17;
        float[] x = new float[w * h];
        SplittableRandom random = new SplittableRandom(k);
        for (int i = 0; i < x.length; i++) {
            // a ramp plus noise whose amplitude grows to the right: some windows fall under the floor
            int col = i % w;
            x[i] = (float) (0.3 + 0.01 * (i / w) + (col / (double) w) * 0.4 * random.nextDouble());
        }
        float[] y = new LocalContrastNormalization(k).apply(x, w, h);
        double[] expected = direct(x, w, h, k);
        assertEquals(expected.length, y.length);
        for (int i = 0; i < y.length; i++) {
            assertEquals(expected[i], y[i], 1e-5, "pixel " + i);
        }
    }

    @Test
    void texturedRegionsGetLocalMeanZeroAndLocalStdOneAndQuietRegionsKeepTheirRatio() {
        // noise whose amplitude is 0.4 in the left half and 0.1 in the right half, around 0.5
        int w = 200;
        int h = 100;
        float[] x = new float[w * h];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            double amplitude = i % w < w / 2 ? 0.4 : 0.1;
            x[i] = (float) (0.5 + amplitude * (random.nextDouble() - 0.5));
        }
        LocalContrastNormalization lcn = new LocalContrastNormalization(9);
        float[] y = lcn.apply(x, w, h);
        int ow = w - 8;
        int oh = h - 8;
        // the left half is above the mean local std, so it is divided by its own: mean 0, std 1
        double[] left = stats(y, ow, 10, 10, 70, oh - 20);
        assertEquals(0, left[0], 0.03, "local mean, textured half");
        assertEquals(1, left[1], 0.08, "local std, textured half");
        // the right half is below it: divided by the floor, about the mean of 0.4 and 0.1 scaled
        // by 0.1, so its std is about 2 * 0.1 / (0.4 + 0.1) = 0.4 of the textured half's
        double[] right = stats(y, ow, 120, 10, 60, oh - 20);
        assertEquals(0, right[0], 0.03, "local mean, quiet half");
        assertEquals(0.4, right[1], 0.05, "local std, quiet half");
    }

    @Test
    void aFlatRegionBecomesZeroAndAConstantImageIsAllZero() {
        int w = 60;
        int h = 30;
        float[] x = new float[w * h];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = i % w < 30 ? (float) random.nextDouble() : 0.25f;
        }
        float[] y = new LocalContrastNormalization(9).apply(x, w, h);
        int ow = w - 8;
        for (int r = 0; r < h - 8; r++) {
            for (int c = 30; c < ow; c++) {
                // windows wholly inside the flat half: x - mu = 0 exactly, up to rounding
                assertEquals(0, y[r * ow + c], 1e-6, "row " + r + " col " + c);
            }
        }
        float[] constant = new float[w * h];
        java.util.Arrays.fill(constant, 0.6f);
        for (float v : new LocalContrastNormalization(5).apply(constant, w, h)) {
            assertEquals(0f, v);
        }
    }

    @Test
    void shiftingOrScalingTheImageChangesNothing() {
        int w = 40;
        int h = 40;
        float[] x = new float[w * h];
        float[] z = new float[w * h];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
            z[i] = 0.2f + 0.5f * x[i];
        }
        LocalContrastNormalization lcn = new LocalContrastNormalization(7);
        float[] a = lcn.apply(x, w, h);
        float[] b = lcn.apply(z, w, h);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 2e-4, "pixel " + i);
        }
    }

    @Test
    void badKernelsAndSmallImagesAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LocalContrastNormalization(4))
                .getMessage().contains("odd and >= 3, found 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LocalContrastNormalization(1))
                .getMessage().contains("found 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LocalContrastNormalization(9).apply(new float[8 * 20], 20, 8))
                .getMessage().contains("a 20x8 image is smaller than the 9x9 kernel"));
    }

    /** The equations of the class comment, summed over the two-dimensional window in double. */
    private static double[] direct(float[] x, int w, int h, int k) {
        double sigma = 1.591 * k / 9;
        int c = (k - 1) / 2;
        double[][] weight = new double[k][k];
        double total = 0;
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                weight[p][q] = Math.exp(-((p - c) * (p - c) + (q - c) * (q - c)) / (2 * sigma * sigma));
                total += weight[p][q];
            }
        }
        int ow = w - k + 1;
        int oh = h - k + 1;
        double[] mu = new double[ow * oh];
        double[] s = new double[ow * oh];
        double sMean = 0;
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                double m = 0;
                for (int p = 0; p < k; p++) {
                    for (int q = 0; q < k; q++) {
                        m += weight[p][q] / total * x[(i + p) * w + j + q];
                    }
                }
                double var = 0;
                for (int p = 0; p < k; p++) {
                    for (int q = 0; q < k; q++) {
                        double d = x[(i + p) * w + j + q] - m;
                        var += weight[p][q] / total * d * d;
                    }
                }
                mu[i * ow + j] = m;
                s[i * ow + j] = Math.sqrt(var);
                sMean += Math.sqrt(var) / (ow * oh);
            }
        }
        double[] y = new double[ow * oh];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                y[i * ow + j] = (x[(i + c) * w + j + c] - mu[i * ow + j]) / Math.max(s[i * ow + j], sMean);
            }
        }
        return y;
    }

    /** The mean of the values of a block, and the mean of the standard deviations of its 8x8 tiles. */
    private static double[] stats(float[] y, int width, int left, int top, int cols, int rows) {
        double sum = 0;
        int n = 0;
        double stdSum = 0;
        int tiles = 0;
        for (int ty = top; ty + 8 <= top + rows; ty += 8) {
            for (int tx = left; tx + 8 <= left + cols; tx += 8) {
                double s = 0;
                double s2 = 0;
                for (int r = ty; r < ty + 8; r++) {
                    for (int c = tx; c < tx + 8; c++) {
                        double v = y[r * width + c];
                        s += v;
                        s2 += v * v;
                    }
                }
                sum += s;
                n += 64;
                stdSum += Math.sqrt(Math.max(0, s2 / 64 - (s / 64) * (s / 64)));
                tiles++;
            }
        }
        return new double[] {sum / n, stdSum / tiles};
    }
}
