package dev.latent.launcher.cli;

/** A mistake in how the launcher was called, reported as its message alone. */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }
}
