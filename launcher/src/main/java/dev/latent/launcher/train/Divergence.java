package dev.latent.launcher.train;

import dev.latent.launcher.UserError;

/**
 * Training diverged: a loss or gradient was NaN or infinite and the {@code training.divergence}
 * policy stopped the run. The launcher prints the message, which names the step, the parameter
 * and what to change, and exits with {@link #EXIT_STATUS}; nothing half-written is left, and the
 * last good checkpoint stays.
 */
public final class Divergence extends UserError {

    /** The launcher's exit status for a diverged run. */
    public static final int EXIT_STATUS = 3;

    private static final long serialVersionUID = 1L;

    private final boolean located;

    /** What went wrong, before the trainer adds where (the step) and what to do. */
    public Divergence(String message) {
        this(message, false);
    }

    private Divergence(String message, boolean located) {
        super(message);
        this.located = located;
    }

    /** The full message: {@code where} (the step and epoch), this fault, then {@code advice}; once only. */
    Divergence locate(String where, String advice) {
        return located ? this : new Divergence(where + ": " + getMessage() + "; " + advice, true);
    }
}
