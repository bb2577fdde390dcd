package dev.latent.datasets.internal;

import dev.latent.api.config.Checks;
import dev.latent.api.data.DataException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts random square patches out of normalised images, skipping near-flat ones, as the PSD
 * tutorial of Torch's {@code unsup} package does ({@code demo_data.lua}, {@code selectPatch}).
 *
 * <p>Each draw picks one of the {@code (W - p + 1) (H - p + 1)} positions of a {@code p x p}
 * patch, summed over the images, uniformly (so a larger image gives more patches; the tutorial
 * picks an image uniformly first). The patch is kept when its standard deviation
 * {@code sqrt(sum (v - mean)^2 / (p^2 - 1))} (Torch's unbiased {@code std()}) is at least
 * {@code minStd}; otherwise it is counted as rejected and another is drawn. The kept patches are
 * therefore uniform over the non-flat positions. Draws stop after
 * {@code max(1,000,000, 50 * count)}: a set where fewer than about 2 % of the patches pass is an
 * error rather than a long wait.
 *
 * <p>The same images, settings and generator state give the same patches on every machine.
 */
public final class PatchSampler {

    /** Patches, row-major, one after another, and how many draws it took. */
    public record Result(float[] values, int count, long drawn, long rejected) {
    }

    private PatchSampler() {
    }

    /**
     * Draws {@code count} patches of side {@code size}.
     *
     * @param images normalised images, each at least {@code size} pixels wide and high
     * @param what   what messages call these patches, for example "training"
     * @param origin what messages call the set the images belong to
     * @throws DataException naming {@code origin} when too many patches are flat
     */
    public static Result sample(List<GreyImage> images, int size, int count, double minStd,
                                SplittableRandom random, String what, String origin) {
        long[] ends = new long[images.size()];
        long total = 0;
        for (int k = 0; k < images.size(); k++) {
            GreyImage image = images.get(k);
            if (image.width() < size || image.height() < size) {
                throw new IllegalArgumentException(image.name() + " is smaller than a patch");
            }
            total += (long) (image.width() - size + 1) * (image.height() - size + 1);
            ends[k] = total;
        }
        int n = size * size;
        float[] values = new float[Math.multiplyExact(count, n)];
        long maxDraws = Math.max(1_000_000L, 50L * count);
        long drawn = 0;
        int kept = 0;
        while (kept < count) {
            if (drawn == maxDraws) {
                throw tooFlat(images, size, count, minStd, what, origin, drawn, kept);
            }
            drawn++;
            long position = random.nextLong(total);
            int k = imageOf(ends, position);
            GreyImage image = images.get(k);
            long offset = position - (k == 0 ? 0 : ends[k - 1]);
            int across = image.width() - size + 1;
            int top = (int) (offset / across);
            int left = (int) (offset % across);
            copy(image, top, left, size, values, kept * n);
            if (std(values, kept * n, n) >= minStd) {
                kept++;
            }
        }
        return new Result(values, count, drawn, drawn - count);
    }

    /** The index of the image holding {@code position}: the first whose end exceeds it. */
    private static int imageOf(long[] ends, long position) {
        int i = Arrays.binarySearch(ends, position);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private static void copy(GreyImage image, int top, int left, int size, float[] dst, int at) {
        float[] src = image.pixels();
        for (int r = 0; r < size; r++) {
            System.arraycopy(src, (top + r) * image.width() + left, dst, at + r * size, size);
        }
    }

    /** The unbiased standard deviation of {@code v[from .. from + n)}. */
    static double std(float[] v, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += v[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = from; i < from + n; i++) {
            double d = v[i] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (n - 1));
    }

    private static DataException tooFlat(List<GreyImage> images, int size, int count, double minStd, String what,
                                         String origin, long drawn, int kept) {
        String patches = size + "x" + size + " " + what + " patches";
        String from = " from " + String.join(", ", images.stream().map(GreyImage::fileName).toList());
        String hint = "; lower minStd or use photographs with more texture";
        if (kept == 0) {
            return new DataException(origin, "every one of the " + drawn + " " + patches + " drawn" + from
                    + " was flat: its standard deviation after local contrast normalisation was below minStd "
                    + Checks.format(minStd) + hint);
        }
        return new DataException(origin, "only " + kept + " of the " + count + " " + patches + " passed minStd "
                + Checks.format(minStd) + " in " + drawn + " draws" + from + "; the rest were flat" + hint);
    }
}
