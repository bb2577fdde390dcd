package dev.latent.launcher.tune;

import java.util.List;
import java.util.Optional;

/**
 * The median stopping rule (Golovin et al. 2017, "Google Vizier", section 3.2.2; Optuna's
 * {@code MedianPruner}): after epoch k, a trial is stopped when the best metric it has reached
 * so far is worse than the median of the completed trials' metrics at epoch k.
 *
 * <p>It stops nothing until {@code startupTrials} trials have completed, nor at the first
 * {@code warmupEpochs} epochs of a trial; completed trials that did not reach epoch k (early
 * stopping) do not count at k, and none counting means no pruning. A trial whose every value is
 * NaN is stopped. The median of an even count is the mean of the middle two.
 */
public final class MedianPruner {

    private final int startupTrials;
    private final int warmupEpochs;

    public MedianPruner(int startupTrials, int warmupEpochs) {
        this.startupTrials = startupTrials;
        this.warmupEpochs = warmupEpochs;
    }

    /**
     * Why the trial whose metric after epochs 1..k is {@code curve} should stop, given the
     * curves of the completed trials; empty when it should go on.
     */
    public Optional<String> decide(List<Double> curve, List<List<Double>> completed) {
        int epoch = curve.size();
        if (completed.size() < startupTrials || epoch <= warmupEpochs || epoch == 0) {
            return Optional.empty();
        }
        double[] at = completed.stream().filter(c -> c.size() >= epoch).mapToDouble(c -> c.get(epoch - 1))
                .filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (at.length == 0) {
            return Optional.empty();
        }
        double median = median(at);
        double best = curve.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        if (Double.isNaN(best)) {
            return Optional.of("its metric is NaN at every epoch up to " + epoch);
        }
        if (best > median) {
            return Optional.of("best " + TrialTable.number(best) + " by epoch " + epoch + ", worse than the median "
                    + TrialTable.number(median) + " of " + at.length + " completed trials at that epoch");
        }
        return Optional.empty();
    }

    /** The median of sorted values. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
