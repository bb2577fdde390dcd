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
 * before timing; each time is the median of {@code rounds} rounds, a round being one pass over
 * the split or, for a pass shorter than {@link #MIN_ROUND_SECONDS}, the mean of enough passes to
 * fill that time.
 *
 * @param samples        the samples coded
 * @param encoderSeconds the median time of one pass of the encoder over them
 * @param solverSeconds  the median time of one pass of the solver over them
 * @param relativeError  ||z~ - z*|| / ||z*||
 * @param zeroCodes      the share of z*'s entries that are exactly 0 (its sparsity)
 * @param iterations     the solver's mean iterations per batch
 */
public record PsdInference(int samples, double encoderSeconds, double solverSeconds, double relativeError,
                           double zeroCodes, double iterations) {

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
            double encoder = median(rounds, repeated(() -> pass(engine, batches, model::encode)));
            double solver = median(rounds, repeated(() -> pass(engine, batches, x -> model.sparseCodes(x, false))));
            return new PsdInference(split.count(), encoder, solver, Math.sqrt(error[0] / error[1]),
                    error[2] / ((double) split.count() * model.codeSize()), error[3] / batches.size());
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

    /**
     * One pass of {@code code} over the batches, in seconds; reading a value of the last codes
     * waits for the device. One scope holds any temporaries of the whole pass: a scope per batch
     * (a workspace opened and closed) cost more than the encoder's own work on a batch of 500.
     */
    private static double pass(Engine engine, List<Tensor> batches, Function<Tensor, Tensor> code) {
        long start = System.nanoTime();
        double sink = 0;
        try (Scope ignored = engine.scope()) {
            Tensor z = null;
            for (Tensor x : batches) {
                z = code.apply(x);
            }
            sink = engine.dot(z, z);
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

    /** The shortest round that is timed: a faster pass is repeated until a round takes this long. */
    static final double MIN_ROUND_SECONDS = 0.2;

    /**
     * {@code pass} as a round of at least {@link #MIN_ROUND_SECONDS}: the mean time of as many
     * passes as the first (untimed) pass says fit in it. The encoder's pass over 10,000 samples
     * takes a few milliseconds, too short to time alone on a shared machine.
     */
    private static Timed repeated(Timed pass) {
        int times = (int) Math.min(1000, Math.max(1, Math.ceil(MIN_ROUND_SECONDS / pass.run())));
        return () -> {
            double sum = 0;
            for (int i = 0; i < times; i++) {
                sum += pass.run();
            }
            return sum / times;
        };
    }

    private static double median(int rounds, Timed timed) {
        double[] t = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            t[r] = timed.run();
        }
        Arrays.sort(t);
        return t[rounds / 2];
    }

    /** {sum ||z~ - z*||^2, sum ||z*||^2, the count of z*'s zero entries, the solver's iterations} over the batches. */
    private static double[] error(Engine engine, DType dtype, SparseCoder model, List<Tensor> batches) {
        double[] sums = new double[4];
        for (Tensor x : batches) {
            try (Scope scope = engine.scope()) {
                Tensor predicted = scope.zeros(dtype, x.rows(), model.codeSize());
                engine.copy(model.encode(x), predicted);
                Tensor optimal = model.sparseCodes(x, false);
                sums[3] += model.lastIterations();
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
