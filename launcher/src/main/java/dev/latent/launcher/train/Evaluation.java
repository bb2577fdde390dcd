package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/** The loss of a model over a whole split, in evaluation mode, averaged per sample. */
final class Evaluation {

    private Evaluation() {
    }

    static LossReport of(Engine engine, DType dtype, Model model, DataSplit split, int batchSize) {
        int[] order = IntStream.range(0, split.count()).toArray();
        double total = 0;
        Map<String, Double> terms = new LinkedHashMap<>();
        try (BatchLoader loader = new BatchLoader(engine, dtype, split)) {
            for (int from = 0; from < split.count(); from += batchSize) {
                int n = Math.min(batchSize, split.count() - from);
                try (Scope ignored = engine.scope()) {
                    var batch = loader.load(order, from, n);
                    LossReport r = model.evaluate(batch, batch);
                    total += r.total() * n;
                    r.terms().forEach((k, v) -> terms.merge(k, v * n, Double::sum));
                }
            }
        }
        int count = split.count();
        terms.replaceAll((k, v) -> v / count);
        return new LossReport(total / count, terms);
    }
}
