package dev.latent.launcher.train;

import dev.latent.api.run.RunListener;
import dev.latent.launcher.UserError;
import java.util.List;
import java.util.Map;

/**
 * The listeners a manifest chose, notified in their manifest order. A listener that throws
 * stops the run with a message naming it.
 */
public final class RunListeners implements RunListener {

    /** One listener with the name the manifest chose it by. */
    public record Named(String name, RunListener listener) {
    }

    private final List<Named> listeners;

    public RunListeners(List<Named> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** No listeners. */
    public static RunListeners none() {
        return new RunListeners(List.of());
    }

    @Override
    public void epochEnded(Map<String, Object> metrics) {
        for (Named n : listeners) {
            call(n, "epochEnded", () -> n.listener().epochEnded(metrics));
        }
    }

    @Override
    public void trainingEnded(Map<String, Object> summary) {
        for (Named n : listeners) {
            call(n, "trainingEnded", () -> n.listener().trainingEnded(summary));
        }
    }

    @Override
    public void close() {
        for (Named n : listeners) {
            call(n, "close", () -> n.listener().close());
        }
    }

    private static void call(Named n, String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            throw new UserError("listener '" + n.name() + "' failed in " + what + ": " + e.getMessage(), e);
        }
    }
}
