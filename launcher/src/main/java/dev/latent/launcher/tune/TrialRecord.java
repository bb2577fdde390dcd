package dev.latent.launcher.tune;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finished trial of a search, as the study records it.
 *
 * @param number   1-based, in the order trials were drawn
 * @param state    how it ended
 * @param params   the sampled value of each setting, by manifest path
 * @param value    the metric the search minimises: at the saved epoch for a complete trial, at
 *                 the last epoch run for a pruned one; NaN for a failed one
 * @param testLoss the test loss at the saved epoch (reported, never used to choose); NaN when
 *                 the trial did not complete
 * @param curve    the metric after each epoch run, the pruner's history
 * @param seconds  the wall-clock time the trial took
 * @param note     why a trial failed or was pruned; empty otherwise
 */
public record TrialRecord(int number, TrialState state, Map<String, JsonNode> params, double value, double testLoss,
                          List<Double> curve, double seconds, String note) {

    public TrialRecord {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        curve = List.copyOf(curve);
    }

    /** The epochs the trial ran. */
    public int epochs() {
        return curve.size();
    }

    /** Whether the trial completed with a finite value, so that it can be the best. */
    public boolean counts() {
        return state == TrialState.COMPLETE && Double.isFinite(value);
    }
}
