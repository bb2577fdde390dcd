package dev.latent.api.engine;

/**
 * Whether an engine can run on this machine, found without loading native code.
 *
 * @param available true when {@link EngineProvider#create} is expected to succeed
 * @param reason    why not, in words a user can act on; empty when available
 */
public record Availability(boolean available, String reason) {

    public Availability {
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
    }

    public static Availability yes() {
        return new Availability(true, "");
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }

    /** "available" or "unavailable: REASON", as {@code latent plugins} prints it. */
    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason;
    }
}
