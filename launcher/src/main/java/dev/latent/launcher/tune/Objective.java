package dev.latent.launcher.tune;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a search minimises: trains one trial with its sampled settings into its folder and
 * returns the trial's value. {@code latent tune} trains a run of the manifest; tests use a
 * function of the settings.
 *
 * <p>Contract: after each epoch the objective calls {@link Reporter#epochEnded} with the
 * metric; that call throws {@link TrialPruned} when the pruner stops the trial, and the
 * objective lets it pass (releasing what it holds). Settings that cannot be trained end in
 * {@link TrialFailed}.
 */
@FunctionalInterface
public interface Objective {

    /**
     * Trains trial {@code number} with {@code params} (setting path to value) into
     * {@code folder}, which does not exist yet.
     */
    Outcome run(int number, Map<String, JsonNode> params, Path folder, Reporter reporter) throws IOException;

    /** Receives a trial's metric after each epoch. */
    @FunctionalInterface
    interface Reporter {
        /**
         * The metric after {@code epoch} (1-based); throws {@link TrialPruned} to stop the trial,
         * never after its {@code last} epoch (stopping then would save nothing).
         */
        void epochEnded(int epoch, double value, boolean last);
    }

    /**
     * How a trial ended when it was not stopped.
     *
     * @param savedEpoch the epoch whose metric is the trial's value (the last, or the best when
     *                   early stopping restored it), 1-based
     * @param testLoss   the test loss at that epoch, or NaN
     */
    record Outcome(int savedEpoch, double testLoss) {
    }
}
