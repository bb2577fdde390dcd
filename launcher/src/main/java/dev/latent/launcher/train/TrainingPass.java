package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.LossReport;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One epoch of training: the training split in batches, reshuffled first (seeded) when asked,
 * one {@link TrainingStep} per batch, with an optional progress bar. Reused for every epoch, so
 * that the batch tensors are allocated once.
 *
 * <p>Epoch e's order is the identity shuffled e times in a row by one stream seeded with the
 * run's seed. The state of the data order is therefore the epoch alone: a pass that starts at
 * epoch e (a resumed run) replays the e shuffles (microseconds per thousand samples), and an
 * epoch resumed in its middle skips the batches its {@link EpochSums} counted, in the same order.
 */
final class TrainingPass implements AutoCloseable {

    /** Called after each batch with the epoch and the number of its batches done. */
    @FunctionalInterface
    interface AfterBatch {
        void done(int epoch, int batches);
    }

    private final DataSplit split;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean progressBar;
    private final int[] order;
    private final SplittableRandom shuffler;
    private final BatchLoader loader;
    private int shuffled;

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

    /** Runs epoch {@code epoch} of {@code epochs} from its start; returns the loss per sample averaged over it. */
    LossReport run(TrainingStep step, int epoch, int epochs) {
        EpochSums sums = new EpochSums();
        run(step, epoch, epochs, sums, (e, b) -> { });
        return sums.mean();
    }

    /**
     * Runs the batches of epoch {@code epoch} that {@code sums} has not counted yet, adding each
     * to it and calling {@code afterBatch} after each (epochs must come in increasing order).
     */
    void run(TrainingStep step, int epoch, int epochs, EpochSums sums, AfterBatch afterBatch) {
        run(step, epoch, epochs, batches(), sums, afterBatch);
    }

    /**
     * Runs epoch {@code epoch} as {@link #run(TrainingStep, int, int, EpochSums, AfterBatch)}
     * does, up to its first {@code batches} batches only (a run whose length is set in samples
     * cuts its last epoch short).
     */
    void run(TrainingStep step, int epoch, int epochs, int batches, EpochSums sums, AfterBatch afterBatch) {
        orderOf(epoch);
        int n = split.count();
        try (ProgressBar bar = bar(epoch, epochs, batches, sums.batches())) {
            for (int b = sums.batches(); b < batches; b++) {
                long start = System.nanoTime();
                int from = b * batchSize;
                int size = Math.min(batchSize, n - from);
                TrainingStep.Outcome r = step.run(loader.load(order, from, size));
                sums.add(r, size);
                sums.addSeconds((System.nanoTime() - start) / 1e9);
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.5f", r.report().total()));
                }
                afterBatch.done(epoch, b + 1);
            }
        }
    }

    /** Brings {@code order} to epoch {@code epoch}'s order. */
    private void orderOf(int epoch) {
        if (!shuffle) {
            return;
        }
        if (epoch < shuffled) {
            throw new IllegalStateException("epoch " + epoch + " after epoch " + shuffled);
        }
        while (shuffled < epoch) {
            SeededPermutation.shuffle(order, shuffler);
            shuffled++;
        }
    }

    /** The number of batches in an epoch. */
    int batches() {
        return (split.count() + batchSize - 1) / batchSize;
    }

    /**
     * The training samples seen once {@code batches} batches of epoch {@code epoch} are done
     * (skipped batches count): a function of the position alone, which sample-count schedules use.
     */
    long samplesAt(int epoch, int batches) {
        return (long) (epoch - 1) * split.count() + Math.min((long) batches * batchSize, split.count());
    }

    /** The number of samples one epoch trains on. */
    int samples() {
        return split.count();
    }

    private ProgressBar bar(int epoch, int epochs, int steps, int done) {
        if (!progressBar) {
            return null;
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).clearDisplayOnFinish().build();
        bar.stepTo(done);
        return bar;
    }

    @Override
    public void close() {
        loader.close();
    }
}
