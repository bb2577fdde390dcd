package dev.latent.launcher.tune;

/**
 * Thrown from an epoch's report ({@link Objective.Reporter#epochEnded}) when the pruner stops
 * the trial; it ends the trial's training, and the study records the trial as pruned.
 */
public final class TrialPruned extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrialPruned(String message) {
        super(message);
    }
}
