package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.LossReport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One epoch of training: the training split in batches, reshuffled first (seeded) when asked,
 * one {@link TrainingStep} per batch, with an optional progress bar. Reused for every epoch, so
 * that the shuffle stream runs on and the batch tensors are allocated once.
 */
final class TrainingPass implements AutoCloseable {

    private final DataSplit split;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean progressBar;
    private final int[] order;
    private final SplittableRandom shuffler;
    private final BatchLoader loader;

    TrainingPass(Engine engine, DType dtype, DataSplit split, int batchSize, boolean shuffle, long seed,
                 boolean progressBar) {
        this.split = split;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.progressBar = progressBar;
        this.order = IntStream.range(0, split.count()).toArray();
        this.shuffler = new SplittableRandom(seed);
        this.loader = new BatchLoader(engine, dtype, split);
    }

    /** Runs epoch {@code epoch} of {@code epochs}; returns the loss per sample averaged over it. */
    LossReport run(TrainingStep step, int epoch, int epochs) {
        if (shuffle) {
            SeededPermutation.shuffle(order, shuffler);
        }
        int n = split.count();
        double sum = 0;
        Map<String, Double> terms = new LinkedHashMap<>();
        try (ProgressBar bar = bar(epoch, epochs, (n + batchSize - 1) / batchSize)) {
            for (int from = 0; from < n; from += batchSize) {
                int size = Math.min(batchSize, n - from);
                LossReport r = step.run(loader.load(order, from, size));
                sum += r.total() * size;
                r.terms().forEach((k, v) -> terms.merge(k, v * size, Double::sum));
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.5f", r.total()));
                }
            }
        }
        terms.replaceAll((k, v) -> v / n);
        return new LossReport(sum / n, terms);
    }

    /** The number of samples one epoch trains on. */
    int samples() {
        return split.count();
    }

    private ProgressBar bar(int epoch, int epochs, int steps) {
        if (!progressBar) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).clearDisplayOnFinish().build();
    }

    @Override
    public void close() {
        loader.close();
    }
}
