package dev.latent.launcher.tune;

/**
 * Thrown by an {@link Objective} when a trial's settings cannot be trained (the loss diverged,
 * the manifest rejects the combination drawn); the study records the trial as failed and goes
 * on. Any other exception stops the study.
 */
public final class TrialFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrialFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
