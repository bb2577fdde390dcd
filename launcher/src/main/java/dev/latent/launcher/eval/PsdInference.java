package dev.latent.launcher.eval;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.SparseCoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Fast inference against optimal inference for a sparse-coding model (predictive sparse
 * decomposition, Kavukcuoglu, Ranzato and LeCun 2008, section 4): over a split, the wall time of
 * the encoder's codes z~ = F(y) against that of the solver's codes z* (FISTA from zero, what
 * inference without the encoder costs), and the relative code error over the whole split,
 * <pre>
 * ||z~ - z*|| / ||z*||   (Frobenius norms of the [samples, code] matrices)
 * </pre>
 * The batches are loaded into tensors and both coders run once over them (for the error)
 * before timing; each time is the median of {@code rounds} passes over the split.
 *
 * @param samples        the samples coded
 * @param encoderSeconds the median time of one pass of the encoder over them
 * @param solverSeconds  the median time of one pass of the solver over them
 * @param relativeError  ||z~ - z*|| / ||z*||
 * @param zeroCodes      the share of z*'s entries that are exactly 0 (its sparsity)
 */
public record PsdInference(int samples, double encoderSeconds, double solverSeconds, double relativeError,
                           double zeroCodes) {

    /** {@return how many times faster the encoder is than the solver} */
    public double speedRatio() {
        return solverSeconds / encoderSeconds;
    }

    /** Measures {@code model} on {@code split} in batches of {@code batch}, with {@code rounds} timed passes of each. */
    public static PsdInference measure(Engine engine, DType dtype, SparseCoder model, DataSplit split, int batch,
                                       int rounds) {
        if (batch < 1 || rounds < 1) {
            throw new IllegalArgumentException("batch and rounds must be >= 1, found " + batch + " and " + rounds);
        }
        List<Tensor> batches = load(engine, dtype, split, batch);
        try {
            // the error pass first: it also warms up both coders (JIT, buffers) before the timed passes
            double[] error = error(engine, dtype, model, batches);
            double encoder = median(rounds, () -> pass(engine, batches, model::encode));
            double solver = median(rounds, () -> pass(engine, batches, x -> model.sparseCodes(x, false)));
            return new PsdInference(split.count(), encoder, solver, Math.sqrt(error[0] / error[1]),
                    error[2] / ((double) split.count() * model.codeSize()));
        } finally {
            batches.forEach(Tensor::close);
        }
    }

    private static List<Tensor> load(Engine engine, DType dtype, DataSplit split, int batch) {
        int[] order = new int[split.count()];
        Arrays.setAll(order, i -> i);
        List<Tensor> batches = new ArrayList<>();
        for (int from = 0; from < split.count(); from += batch) {
            int n = Math.min(batch, split.count() - from);
            float[] host = new float[n * split.sampleSize()];
            split.copySamples(order, from, n, host);
            Tensor t = engine.zeros(dtype, n, split.sampleSize());
            engine.assign(t, host);
            batches.add(t);
        }
        return batches;
    }

    /** One pass of {@code code} over the batches, in seconds; reading a value of the last codes waits for the device. */
    private static double pass(Engine engine, List<Tensor> batches, Function<Tensor, Tensor> code) {
        long start = System.nanoTime();
        double sink = 0;
        for (Tensor x : batches) {
            try (Scope ignored = engine.scope()) {
                Tensor z = code.apply(x);
                if (x == batches.get(batches.size() - 1)) {
                    sink = engine.dot(z, z);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("the codes are not finite");
        }
        return seconds;
    }

    private interface Timed {
        double run();
    }

    private static double median(int rounds, Timed timed) {
        double[] t = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            t[r] = timed.run();
        }
        Arrays.sort(t);
        return t[rounds / 2];
    }

    /** {sum ||z~ - z*||^2, sum ||z*||^2, the count of z*'s zero entries} over the batches. */
    private static double[] error(Engine engine, DType dtype, SparseCoder model, List<Tensor> batches) {
        double[] sums = new double[3];
        for (Tensor x : batches) {
            try (Scope scope = engine.scope()) {
                Tensor predicted = scope.zeros(dtype, x.rows(), model.codeSize());
                engine.copy(model.encode(x), predicted);
                Tensor optimal = model.sparseCodes(x, false);
                Tensor diff = scope.zeros(dtype, x.rows(), model.codeSize());
                engine.sub(predicted, optimal, diff);
                sums[0] += engine.dot(diff, diff);
                sums[1] += engine.dot(optimal, optimal);
                for (double v : optimal.toDoubleArray()) {
                    sums[2] += v == 0 ? 1 : 0;
                }
            }
        }
        return sums;
    }
}
