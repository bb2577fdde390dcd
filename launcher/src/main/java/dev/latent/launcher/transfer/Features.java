package dev.latent.launcher.transfer;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.model.Encoder;
import dev.latent.launcher.train.BatchLoader;
import java.util.stream.IntStream;

/**
 * The inputs of a classifier trained on top of a frozen representation: the codes a trained
 * encoder gives a split ({@link Encoder#encode}, evaluation mode), each sample keeping its
 * label; the one-hot targets of a split's labels; and per-feature standardisation
 * {@code (x - mean) / std} with the statistics of the training split, applied to every split,
 * so that codes of any scale train at Adam's usual learning rate.
 */
final class Features {

    private Features() {
    }

    /** The codes of every sample of {@code split}, in order, as a split of shape {@code [codeSize]}. */
    static DataSplit codes(Engine engine, DType dtype, Encoder encoder, DataSplit split, int batchSize) {
        int count = split.count();
        int k = encoder.codeSize();
        float[] values = new float[count * k];
        int[] order = IntStream.range(0, count).toArray();
        try (BatchLoader loader = new BatchLoader(engine, dtype, split)) {
            for (int from = 0; from < count; from += batchSize) {
                int n = Math.min(batchSize, count - from);
                try (Scope ignored = engine.scope()) {
                    float[] codes = encoder.encode(loader.load(order, from, n)).toFloatArray();
                    System.arraycopy(codes, 0, values, from * k, n * k);
                }
            }
        }
        return new DataSplit(new int[] {k}, values, labels(split));
    }

    /** The one-hot rows of {@code split}'s labels, {@code [classes]} each. */
    static DataSplit oneHot(DataSplit split, int classes) {
        float[] values = new float[split.count() * classes];
        for (int i = 0; i < split.count(); i++) {
            values[i * classes + split.label(i)] = 1;
        }
        return new DataSplit(new int[] {classes}, values, labels(split));
    }

    /** The number of classes: one more than the largest label of the splits. */
    static int classes(DataSplit... splits) {
        int max = -1;
        for (DataSplit s : splits) {
            for (int i = 0; i < s.count(); i++) {
                max = Math.max(max, s.label(i));
            }
        }
        return max + 1;
    }

    /** Per-feature mean and standard deviation of a split (a feature that never varies gets std 1). */
    record Standardisation(float[] mean, float[] std) {

        static Standardisation of(DataSplit split) {
            int d = split.sampleSize();
            double[] sum = new double[d];
            double[] squares = new double[d];
            float[] all = values(split);
            for (int i = 0; i < all.length; i++) {
                sum[i % d] += all[i];
                squares[i % d] += (double) all[i] * all[i];
            }
            float[] mean = new float[d];
            float[] std = new float[d];
            int n = split.count();
            for (int j = 0; j < d; j++) {
                double m = sum[j] / n;
                double variance = Math.max(0, squares[j] / n - m * m);
                mean[j] = (float) m;
                std[j] = variance > 1e-12 ? (float) Math.sqrt(variance) : 1;
            }
            return new Standardisation(mean, std);
        }

        DataSplit apply(DataSplit split) {
            int d = split.sampleSize();
            float[] values = values(split);
            for (int i = 0; i < values.length; i++) {
                values[i] = (values[i] - mean[i % d]) / std[i % d];
            }
            return new DataSplit(split.sampleShape(), values, labels(split));
        }
    }

    private static float[] values(DataSplit split) {
        float[] values = new float[split.count() * split.sampleSize()];
        split.copySamples(IntStream.range(0, split.count()).toArray(), 0, split.count(), values);
        return values;
    }

    private static int[] labels(DataSplit split) {
        int[] labels = new int[split.hasLabels() ? split.count() : 0];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = split.label(i);
        }
        return labels;
    }
}
