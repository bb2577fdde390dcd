package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import java.util.stream.IntStream;

/**
 * The loss of a model over a whole split, in evaluation mode, averaged per sample: of each
 * sample's reconstruction against itself, or (for a denoising run) of the reconstruction of a
 * noisy sample against its clean version.
 */
public final class Evaluation {

    private Evaluation() {
    }

    public static LossReport of(Engine engine, DType dtype, Model model, DataSplit split, int batchSize) {
        return of(engine, dtype, model, split, split, batchSize);
    }

    /** The loss of reconstructing {@code targets} from {@code inputs} (same samples, same order). */
    public static LossReport of(Engine engine, DType dtype, Model model, DataSplit inputs, DataSplit targets, int batchSize) {
        int count = targets.count();
        int[] order = IntStream.range(0, count).toArray();
        EpochSums sums = new EpochSums();
        try (BatchLoader targetLoader = new BatchLoader(engine, dtype, targets);
             BatchLoader inputLoader = inputs == targets ? null : new BatchLoader(engine, dtype, inputs)) {
            for (int from = 0; from < count; from += batchSize) {
                int n = Math.min(batchSize, count - from);
                try (Scope ignored = engine.scope()) {
                    var target = targetLoader.load(order, from, n);
                    var input = inputLoader == null ? target : inputLoader.load(order, from, n);
                    sums.addReport(model.evaluate(input, target), n);
                }
            }
        }
        return sums.mean();
    }
}
