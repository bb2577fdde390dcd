package dev.latent.launcher.train;

import dev.latent.api.model.LossReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the main training stands: the epoch in progress and its sums, the finished epochs'
 * test losses and the metrics lines written; the rest of a checkpoint's state lives in the
 * step, early stopping and the random streams.
 */
final class TrainingProgress {

    int epoch = 1;
    EpochSums sums = new EpochSums();
    final List<LossReport> tests = new ArrayList<>();
    int metricsLines;
    /** The step of the last checkpoint written or resumed from; -1 when none. */
    long lastCheckpoint = -1;
    int batchesPerEpoch;

    /** The training steps (batches) of the main training done so far. */
    long position() {
        return (long) (epoch - 1) * batchesPerEpoch + sums.batches();
    }

    void nextEpoch() {
        epoch++;
        sums = new EpochSums();
    }

    void resume(TrainingState s, long step) {
        epoch = s.epoch();
        sums = s.sums();
        tests.clear();
        tests.addAll(s.tests());
        metricsLines = s.metricsLines();
        lastCheckpoint = step;
    }
}
