package dev.latent.api.config;

/**
 * One thing wrong with a configuration.
 *
 * @param path    the key's path in the manifest, for example {@code optimizer.beta2}
 * @param message what is wrong and what is allowed, for example
 *                {@code must be in [0, 1), found 1.2}
 */
public record ConfigProblem(String path, String message) {

    /** The same problem with its path placed under {@code prefix}. */
    public ConfigProblem under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        return new ConfigProblem(path.isEmpty() ? prefix : prefix + "." + path, message);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + " " + message;
    }
}
