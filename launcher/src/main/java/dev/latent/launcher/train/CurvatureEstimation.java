package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.CurvatureEstimates;
import dev.latent.api.optim.Optimizer;
import dev.latent.launcher.UserError;
import dev.latent.launcher.config.Manifest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Re-estimates the diagonal of the Hessian for an optimizer that reads it
 * ({@link CurvatureEstimates}): the second-order step of the predictive sparse decomposition
 * tutorial, after Becker and LeCun 1989 and LeCun et al. 1998 ("Efficient BackProp", section
 * 9.1). Estimate k zeroes every {@link Parameter#curvature()}, calls
 * {@link Model#accumulateCurvature} (input = target = the clean samples) on
 * {@link CurvatureEstimates#estimateSamples()} training samples in batches of the run's batch
 * size, and divides by the number of batches, so that the curvature holds the mean per-batch
 * Gauss-Newton estimate.
 *
 * <p>Estimate 0 comes before the first update; estimate k at the first batch boundary where the
 * training samples seen reach k * {@link CurvatureEstimates#everySamples()} (one estimate when a
 * batch crosses several multiples). The samples of estimate k are drawn without replacement by a
 * generator seeded with the run's seed and k alone, so the draw, like the schedule, depends only
 * on the sample count and the seed. The estimate also depends on the parameters at that moment,
 * which a resumed run no longer has: checkpoints therefore save the curvature
 * ({@link Checkpointer#addCurvature}), and a resumed run makes no estimate at its start.
 */
final class CurvatureEstimation implements AutoCloseable {

    /** Separates the estimates' draws from the run's other streams. */
    private static final long SALT = 0x4355525641545552L;

    private final Engine engine;
    private final Model model;
    private final List<Parameter> parameters;
    private final BatchLoader loader;
    private final int[] order;
    private final int batchSize;
    private final int samples;
    private final long every;
    private final long seed;
    private final String failure;
    private final String hint;
    private final int asked;
    private double lastSeconds;

    /**
     * @param train    the split the estimates draw from (the samples training runs on)
     * @param estimates the optimizer's cadence
     * @param failure  how an {@link UnsupportedOperationException} of the model begins: the model
     *                 and the optimizer setting that asked for the estimate; the exception's
     *                 message follows, then {@code hint}, what to change
     */
    CurvatureEstimation(Engine engine, DType dtype, Model model, DataSplit train, int batchSize, long seed,
                        CurvatureEstimates estimates, String failure, String hint) {
        if (estimates.everySamples() < 1 || estimates.estimateSamples() < 1) {
            throw new IllegalArgumentException("everySamples and estimateSamples must be >= 1, found "
                    + estimates.everySamples() + " and " + estimates.estimateSamples());
        }
        this.engine = engine;
        this.model = model;
        this.parameters = model.parameters();
        this.loader = new BatchLoader(engine, dtype, train);
        this.order = new int[train.count()];
        this.batchSize = batchSize;
        this.asked = estimates.estimateSamples();
        this.samples = Math.min(asked, train.count());
        this.every = estimates.everySamples();
        this.seed = seed;
        this.failure = failure;
        this.hint = hint;
    }

    /**
     * The estimates for {@code model} when {@code optimizer} asks for them, else null.
     *
     * @param stage what follows the model's name in the error of a model that cannot make them
     *              (a pretraining stage), or ""
     */
    static CurvatureEstimation of(Optimizer optimizer, Manifest manifest, Engine engine, Model model, DataSplit train,
                                  String stage) {
        if (!(optimizer instanceof CurvatureEstimates estimates)) {
            return null;
        }
        String name = manifest.choice("optimizer").name();
        boolean section = Arrays.stream(manifest.choice("optimizer").config().getClass().getRecordComponents())
                .anyMatch(c -> c.getName().equals("curvature"));
        String setting = section ? "optimizer.curvature" : "optimizer '" + name + "''s settings";
        return new CurvatureEstimation(engine, manifest.dtype(), model, train, manifest.training().batchSize(),
                manifest.seed(), estimates, "model '" + manifest.choice("model").name() + "'" + stage
                        + " cannot estimate the diagonal Hessian that optimizer '" + name + "' asks for (" + setting + ")",
                "remove " + setting + ", or choose a model whose layers all have a diagonal-Hessian backward");
    }

    /** Estimate 0, before the first update of a run that does not resume. */
    void atStart() {
        estimate(0);
    }

    /**
     * At the batch boundary where the training samples seen went from {@code before} to
     * {@code after}: estimates when that crossed a multiple of everySamples; returns whether it did.
     */
    boolean afterBatch(long before, long after) {
        long k = after / every;
        if (k <= before / every) {
            return false;
        }
        estimate(k);
        return true;
    }

    /** The number of estimates a run has made once it has seen {@code samples} training samples. */
    long estimatesAt(long samples) {
        return samples / every + 1;
    }

    /** The log line of the last estimate's cost. */
    String report() {
        String over = samples < asked ? "all " + samples + " training samples (" + asked + " asked)"
                : samples + " training samples";
        return String.format(Locale.ROOT, "curvature: a diagonal-Hessian estimate over %s (%d batches) took %.3f s;"
                + " one every %d training samples", over, batches(), lastSeconds, every);
    }

    private int batches() {
        return (samples + batchSize - 1) / batchSize;
    }

    private void estimate(long k) {
        long start = System.nanoTime();
        draw(k);
        for (Parameter p : parameters) {
            engine.fill(p.curvature(), 0);
        }
        try {
            for (int from = 0; from < samples; from += batchSize) {
                var batch = loader.load(order, from, Math.min(batchSize, samples - from));
                try (Scope ignored = engine.scope()) {
                    model.accumulateCurvature(batch, batch);
                }
            }
        } catch (UnsupportedOperationException e) {
            throw new UserError(failure + ": " + e.getMessage() + "; " + hint, e);
        }
        double mean = 1.0 / batches();
        for (Parameter p : parameters) {
            engine.scale(p.curvature(), mean, p.curvature());
        }
        lastSeconds = (System.nanoTime() - start) / 1e9;
    }

    /** Puts estimate k's samples first in {@code order}: a partial Fisher-Yates shuffle seeded by (seed, k). */
    private void draw(long k) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed ^ SALT ^ (k * 0xBF58476D1CE4E5B9L));
        for (int i = 0; i < samples; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    @Override
    public void close() {
        loader.close();
    }
}
