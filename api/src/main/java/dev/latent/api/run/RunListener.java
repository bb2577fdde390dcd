package dev.latent.api.run;

import java.util.Map;

/**
 * Observes a training run: a metric sink, a logger, a notifier. Listeners are plugins chosen in
 * a manifest's {@code listeners:} list; they see what the run writes to {@code metrics.jsonl}
 * and {@code summary.json}, in the same words, and must not change the run.
 *
 * <p>Call order, on the training thread: {@link #epochEnded} once per epoch, then
 * {@link #trainingEnded} once, then {@link #close}. An exception from a listener stops the run
 * with the listener's name in the message.
 */
public interface RunListener extends AutoCloseable {

    /**
     * After each epoch, with the line appended to metrics.jsonl (keys such as {@code epoch},
     * {@code train_loss}, {@code validation_loss}, {@code test_loss}, {@code seconds}).
     */
    void epochEnded(Map<String, Object> metrics);

    /** When training has ended, with the content of summary.json. */
    default void trainingEnded(Map<String, Object> summary) {
    }

    /** Releases what the listener holds (open files, connections). */
    @Override
    default void close() {
    }
}
