package dev.latent.datasets;

/**
 * Local contrast normalisation of a grey image: every pixel minus the Gaussian-weighted mean of
 * its neighbourhood, divided by the Gaussian-weighted standard deviation of that neighbourhood,
 * the divisor floored at its own mean over the image. This is the preprocessing of the natural
 * images in the PSD tutorial of Torch's {@code unsup} package (Kavukcuoglu, Ranzato and LeCun
 * 2008; Jarrett, Kavukcuoglu, Ranzato and LeCun 2009, "What is the best multi-stage architecture
 * for object recognition?", section 2.1), as Torch's {@code image.lcn} computes it.
 *
 * <p>For an image {@code x} of {@code H} rows and {@code W} columns and an odd kernel size
 * {@code k} with centre {@code c = (k - 1) / 2}:
 * <pre>
 *   g_p     = exp(-(p - c)^2 / (2 sigma^2)) / sum_q exp(-(q - c)^2 / (2 sigma^2)),  p = 0 .. k-1,
 *             sigma = 1.591 k / 9                 (Torch: image.gaussian{size=9, sigma=1.591/9})
 *   w_pq    = g_p g_q                             (a separable Gaussian that sums to 1)
 *   mu_ij   = sum_pq w_pq x_(i+p, j+q)
 *   v_ij    = sum_pq w_pq x_(i+p, j+q)^2 - mu_ij^2
 *   s_ij    = sqrt(v_ij), or 0 where v_ij <= 1e-12 sum_pq w_pq x_(i+p, j+q)^2 (rounding error of
 *             the subtraction in a flat window; Torch clamps only below 0)
 *   s_mean  = the mean of s_ij over every (i, j)
 *   y_ij    = (x_(i+c, j+c) - mu_ij) / max(s_ij, s_mean)     (y_ij = 0 where that divisor is 0)
 * </pre>
 * for {@code i = 0 .. H-k} and {@code j = 0 .. W-k}: as in {@code image.lcn}, only the pixels
 * whose whole neighbourhood lies inside the image are kept (a "valid" convolution), so the
 * result has {@code H - k + 1} rows and {@code W - k + 1} columns and no border effects.
 *
 * <p>Where the image has texture ({@code s_ij >= s_mean}) the result has local mean about 0 and
 * local standard deviation about 1; in flatter regions the floor keeps noise from being
 * amplified, so they stay small (flat regions become 0). Departure from {@code image.lcn}: Torch
 * first standardises the whole image ({@code (x - mean) / std}) and floors the divisor at 1,
 * which is the global standard deviation; this class floors at the mean local standard
 * deviation instead (the divisive normalisation of Jarrett et al. 2009 and of Torch's
 * {@code nn.SpatialContrastiveNormalization}). Both results are unchanged when {@code x} is
 * shifted or scaled, so the global standardisation step is left out.
 *
 * <p>Sums are taken in double precision. Instances are immutable and thread-safe.
 */
public final class LocalContrastNormalization {

    /** The Gaussian's width relative to the kernel size: Torch's default 9x9 kernel has sigma 1.591. */
    public static final double RELATIVE_SIGMA = 1.591 / 9;

    /** Variances below this fraction of the window's mean square are rounding error and count as 0. */
    private static final double ROUNDING = 1e-12;

    private final int kernelSize;
    private final double[] weights;

    /**
     * @param kernelSize the side {@code k} of the Gaussian window, odd and at least 3
     * @throws IllegalArgumentException for another size
     */
    public LocalContrastNormalization(int kernelSize) {
        if (kernelSize < 3 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and >= 3, found " + kernelSize);
        }
        this.kernelSize = kernelSize;
        this.weights = gaussian(kernelSize, RELATIVE_SIGMA * kernelSize);
    }

    /** The side of the Gaussian window. */
    public int kernelSize() {
        return kernelSize;
    }

    /** The separable kernel's one-dimensional weights {@code g_p}; they sum to 1. */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * Normalises an image.
     *
     * @param pixels row-major, {@code height * width} values
     * @return row-major, {@code (height - k + 1) * (width - k + 1)} values
     * @throws IllegalArgumentException when the image is smaller than the kernel or the array
     *                                  does not hold {@code height * width} values
     */
    public float[] apply(float[] pixels, int width, int height) {
        if (width < kernelSize || height < kernelSize) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image is smaller than the "
                    + kernelSize + "x" + kernelSize + " kernel");
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException(pixels.length + " values for a " + width + "x" + height + " image");
        }
        int outW = width - kernelSize + 1;
        int outH = height - kernelSize + 1;
        double[] mean = new double[outW * outH];
        double[] meanOfSquares = new double[outW * outH];
        blur(pixels, width, height, mean, meanOfSquares);
        double[] std = meanOfSquares;
        double stdSum = 0;
        for (int i = 0; i < std.length; i++) {
            double variance = meanOfSquares[i] - mean[i] * mean[i];
            // below ROUNDING * E[x^2] the difference is the subtraction's rounding error: a flat window
            std[i] = variance > ROUNDING * meanOfSquares[i] ? Math.sqrt(variance) : 0;
            stdSum += std[i];
        }
        double floor = stdSum / std.length;
        int c = kernelSize / 2;
        float[] out = new float[outW * outH];
        for (int i = 0; i < outH; i++) {
            for (int j = 0; j < outW; j++) {
                int o = i * outW + j;
                double divisor = Math.max(std[o], floor);
                out[o] = divisor > 0 ? (float) ((pixels[(i + c) * width + j + c] - mean[o]) / divisor) : 0f;
            }
        }
        return out;
    }

    /**
     * The separable Gaussian sums of x and x^2 over every valid window: along the rows first,
     * then down the columns, each as whole-row multiply-adds that the JIT can vectorise.
     */
    private void blur(float[] pixels, int width, int height, double[] mean, double[] meanOfSquares) {
        int outW = width - kernelSize + 1;
        int outH = height - kernelSize + 1;
        double[] x = new double[width];
        double[] x2 = new double[width];
        double[] rows = new double[height * outW];
        double[] rowsOfSquares = new double[height * outW];
        for (int y = 0; y < height; y++) {
            for (int c = 0; c < width; c++) {
                x[c] = pixels[y * width + c];
                x2[c] = x[c] * x[c];
            }
            int at = y * outW;
            for (int p = 0; p < kernelSize; p++) {
                double g = weights[p];
                for (int j = 0; j < outW; j++) {
                    rows[at + j] += g * x[j + p];
                    rowsOfSquares[at + j] += g * x2[j + p];
                }
            }
        }
        for (int i = 0; i < outH; i++) {
            int at = i * outW;
            for (int p = 0; p < kernelSize; p++) {
                double g = weights[p];
                int from = (i + p) * outW;
                for (int j = 0; j < outW; j++) {
                    mean[at + j] += g * rows[from + j];
                    meanOfSquares[at + j] += g * rowsOfSquares[from + j];
                }
            }
        }
    }

    /** Normalised Gaussian weights; StrictMath so that every machine gets the same bits. */
    private static double[] gaussian(int size, double sigma) {
        double[] g = new double[size];
        double centre = (size - 1) / 2.0;
        double sum = 0;
        for (int p = 0; p < size; p++) {
            g[p] = StrictMath.exp(-(p - centre) * (p - centre) / (2 * sigma * sigma));
            sum += g[p];
        }
        for (int p = 0; p < size; p++) {
            g[p] /= sum;
        }
        return g;
    }
}
