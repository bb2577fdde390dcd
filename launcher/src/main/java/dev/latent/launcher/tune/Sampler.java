package dev.latent.launcher.tune;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Draws the settings of a search's next trial.
 *
 * <p>Contract: a pure function of the study's seed, the trial's number and the trials
 * finished before it, so that a study resumed from its recorded trials draws what an
 * uninterrupted one would have drawn. The result has a value for every path of the space, in
 * the space's order.
 */
public interface Sampler {

    /** The settings of trial {@code number} (1-based), given the trials finished before it. */
    Map<String, JsonNode> sample(int number, List<TrialRecord> history);
}
