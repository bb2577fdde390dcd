package dev.latent.launcher.eval;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.model.Model;
import dev.latent.launcher.train.BatchLoader;
import java.util.stream.IntStream;

/**
 * The mean squared error per element between a model's reconstructions (in data space, as
 * {@link Model#reconstruct} gives them) of {@code inputs} and {@code targets}: the measure that
 * compares every model, whatever its loss (MSE, BCE, a VAE's summed error), with PCA.
 */
public final class ReconstructionError {

    private ReconstructionError() {
    }

    /** The error of reconstructing {@code targets} from {@code inputs} (same samples, same order). */
    public static double of(Engine engine, DType dtype, Model model, DataSplit inputs, DataSplit targets, int batchSize) {
        int count = targets.count();
        int[] order = IntStream.range(0, count).toArray();
        double sum = 0;
        try (BatchLoader targetLoader = new BatchLoader(engine, dtype, targets);
             BatchLoader inputLoader = inputs == targets ? null : new BatchLoader(engine, dtype, inputs)) {
            for (int from = 0; from < count; from += batchSize) {
                int n = Math.min(batchSize, count - from);
                try (Scope ignored = engine.scope()) {
                    var target = targetLoader.load(order, from, n);
                    var input = inputLoader == null ? target : inputLoader.load(order, from, n);
                    sum += engine.squaredDistance(model.reconstruct(input), target);
                }
            }
        }
        return sum / ((double) count * targets.sampleSize());
    }
}
