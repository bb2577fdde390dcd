package dev.latent.api.config;

/**
 * One thing wrong with a configuration.
 *
 * <p>Every problem has an id, as Guice's errors do, so that users and tests can recognise a
 * kind of problem whatever its wording: {@code latent/OutOfRange}, {@code latent/UnknownKey},
 * ... A plugin's range checks ({@link Checks}, or the two-argument constructor) get
 * {@link #OUT_OF_RANGE}; the launcher gives its own problems their ids.
 *
 * @param id      the kind of problem, for example {@code latent/OutOfRange}
 * @param path    the key's path in the manifest, for example {@code optimizer.beta2}
 * @param message what is wrong and what is allowed, for example
 *                {@code must be in [0, 1), found 1.2}
 */
public record ConfigProblem(String id, String path, String message) {

    /** The id of a value outside what its key allows: the default of a plugin's own checks. */
    public static final String OUT_OF_RANGE = "latent/OutOfRange";

    public ConfigProblem {
        if (id == null || path == null || message == null) {
            throw new IllegalArgumentException("id, path and message must not be null");
        }
    }

    /** A problem with the id {@link #OUT_OF_RANGE}, as a plugin's range checks report. */
    public ConfigProblem(String path, String message) {
        this(OUT_OF_RANGE, path, message);
    }

    /** The same problem with its path placed under {@code prefix}. */
    public ConfigProblem under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        return new ConfigProblem(id, path.isEmpty() ? prefix : prefix + "." + path, message);
    }

    /** The problem as a manifest error lists it: {@code [latent/OutOfRange] optimizer.beta2 must be ...}. */
    public String line() {
        return "[" + id + "] " + this;
    }

    /** The path and the message, without the id: {@code optimizer.beta2 must be in [0, 1), found 1.2}. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + " " + message;
    }
}
