package dev.latent.launcher.embed;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Encoder;
import dev.latent.launcher.output.NpyWriter;
import dev.latent.launcher.train.BatchLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The codes an {@link Encoder} gives the samples of a split, in evaluation mode, with the
 * samples' labels: {@code count} rows of {@code size} values, row-major.
 *
 * @param count  the number of samples
 * @param size   the code size
 * @param dtype  the precision the model computed in (the NPY file keeps it)
 * @param values the codes, row-major
 * @param labels one label per sample, or empty for an unlabelled split
 */
public record Codes(int count, int size, DType dtype, double[] values, int[] labels) {

    public Codes {
        if (values.length != (long) count * size || (labels.length != 0 && labels.length != count)) {
            throw new IllegalArgumentException(values.length + " values and " + labels.length + " labels for " + count
                    + " codes of " + size);
        }
    }

    /** Encodes every sample of {@code split}, {@code batchSize} at a time. */
    public static Codes of(Engine engine, DType dtype, Encoder encoder, DataSplit split, int batchSize) {
        int n = split.count();
        int k = encoder.codeSize();
        double[] values = new double[n * k];
        int[] order = IntStream.range(0, n).toArray();
        try (BatchLoader loader = new BatchLoader(engine, dtype, split)) {
            for (int from = 0; from < n; from += batchSize) {
                int b = Math.min(batchSize, n - from);
                try (Scope ignored = engine.scope()) {
                    Tensor codes = encoder.encode(loader.load(order, from, b));
                    if (!Arrays.equals(codes.shape(), new int[] {b, k})) {
                        throw new IllegalStateException("the encoder gave codes of shape " + Tensor.describe(codes.shape())
                                + " for a batch of " + b + ", but its code size is " + k);
                    }
                    System.arraycopy(codes.toDoubleArray(), 0, values, from * k, b * k);
                }
            }
        }
        int[] labels = split.hasLabels() ? IntStream.range(0, n).map(split::label).toArray() : new int[0];
        return new Codes(n, k, dtype, values, labels);
    }

    /** The codes as n rows. */
    public double[][] rows() {
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = Arrays.copyOfRange(values, i * size, (i + 1) * size);
        }
        return rows;
    }

    /** The codes as a split of {@code [size]}-shaped samples (for PCA). */
    public DataSplit asSplit() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return new DataSplit(new int[] {size}, f, labels);
    }

    /** Writes the codes as a NumPy {@code .npy} array {@code [count, size]} in the model's dtype. */
    public void writeNpy(Engine engine, OutputStream out) throws IOException {
        try (Tensor t = engine.fromArray(values, dtype, count, size)) {
            NpyWriter.write(t, out);
        }
    }

    /**
     * Writes the codes as CSV: a header {@code label,z0,z1,...} (no label column for an
     * unlabelled split), then one row per sample, each value in the shortest decimal form that
     * reads back to the same number in the model's precision.
     */
    public void writeCsv(OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder(labels.length != 0 ? "label" : "");
        for (int j = 0; j < size; j++) {
            line.append(line.length() == 0 ? "" : ",").append('z').append(j);
        }
        w.write(line.append('\n').toString());
        for (int i = 0; i < count; i++) {
            line.setLength(0);
            if (labels.length != 0) {
                line.append(labels[i]);
            }
            for (int j = 0; j < size; j++) {
                double v = values[i * size + j];
                line.append(j == 0 && labels.length == 0 ? "" : ",")
                        .append(dtype == DType.FLOAT64 ? Double.toString(v) : Float.toString((float) v));
            }
            w.write(line.append('\n').toString());
        }
        w.flush();
    }
}
