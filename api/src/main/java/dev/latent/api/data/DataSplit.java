package dev.latent.api.data;

import java.util.Arrays;

/**
 * One split of a dataset held in memory: {@code count} samples of a fixed shape, values scaled
 * to [0, 1], with an integer label each (or none).
 */
public final class DataSplit {

    private final int[] sampleShape;
    private final int sampleSize;
    private final float[] values;
    private final int[] labels;

    /**
     * @param sampleShape the shape of one sample, for example {@code [1, 28, 28]}
     * @param values      every sample's values, row-major, one sample after another
     * @param labels      one label per sample, or an empty array for an unlabelled split
     */
    public DataSplit(int[] sampleShape, float[] values, int[] labels) {
        this.sampleShape = sampleShape.clone();
        this.sampleSize = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
        if (sampleSize <= 0 || values.length % sampleSize != 0) {
            throw new IllegalArgumentException("values (" + values.length
                    + ") is not a whole number of samples of shape " + Arrays.toString(sampleShape));
        }
        if (labels.length != 0 && labels.length != values.length / sampleSize) {
            throw new IllegalArgumentException(labels.length + " labels for "
                    + values.length / sampleSize + " samples");
        }
        this.values = values;
        this.labels = labels;
    }

    public int count() {
        return values.length / sampleSize;
    }

    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** The number of values in one sample. */
    public int sampleSize() {
        return sampleSize;
    }

    public boolean hasLabels() {
        return labels.length != 0;
    }

    public int label(int index) {
        return labels[index];
    }

    /**
     * Copies the samples {@code order[from], ..., order[from + n - 1]} into {@code dst}, one
     * after another: how a trainer fills a shuffled batch without allocating.
     */
    public void copySamples(int[] order, int from, int n, float[] dst) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(values, order[from + i] * sampleSize, dst, i * sampleSize, sampleSize);
        }
    }

    /** The first {@code n} samples as a new split (for quick runs and tests). */
    public DataSplit head(int n) {
        int k = Math.min(n, count());
        return new DataSplit(sampleShape, Arrays.copyOf(values, k * sampleSize),
                hasLabels() ? Arrays.copyOf(labels, k) : labels);
    }
}
