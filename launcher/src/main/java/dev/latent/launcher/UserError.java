package dev.latent.launcher;

/**
 * A problem the user can fix (how the launcher was called, an engine that cannot start on this
 * machine), reported as its message alone, without a stack trace.
 */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
