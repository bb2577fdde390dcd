package dev.latent.launcher.train;

import dev.latent.api.model.LossReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running sums of an epoch in progress: the batches done, the samples whose loss counted,
 * the loss and each term summed over them (each batch's mean times its size), and the seconds
 * spent. A checkpoint saves them, so that a resumed epoch reports the same mean loss as an
 * uninterrupted one.
 */
final class EpochSums {

    private int batches;
    private int samples;
    private double loss;
    private final Map<String, Double> terms = new LinkedHashMap<>();
    private double seconds;

    EpochSums() {
    }

    EpochSums(int batches, int samples, double loss, Map<String, Double> terms, double seconds) {
        this.batches = batches;
        this.samples = samples;
        this.loss = loss;
        this.terms.putAll(terms);
        this.seconds = seconds;
    }

    /** Counts one batch; its loss counts only when its update was applied (not skipped as non-finite). */
    void add(TrainingStep.Outcome outcome, int size) {
        batches++;
        if (outcome.applied()) {
            addReport(outcome.report(), size);
        }
    }

    /** Adds the loss of {@code size} samples whose mean is {@code report} (also an evaluation's batches). */
    void addReport(LossReport report, int size) {
        samples += size;
        loss += report.total() * size;
        report.terms().forEach((k, v) -> terms.merge(k, v * size, Double::sum));
    }

    void addSeconds(double s) {
        seconds += s;
    }

    /** The loss per sample over the batches that counted (NaN when none did). */
    LossReport mean() {
        Map<String, Double> means = new LinkedHashMap<>(terms);
        int n = samples;
        means.replaceAll((k, v) -> v / n);
        return new LossReport(loss / n, means);
    }

    int batches() {
        return batches;
    }

    int samples() {
        return samples;
    }

    double loss() {
        return loss;
    }

    Map<String, Double> terms() {
        return terms;
    }

    double seconds() {
        return seconds;
    }
}
