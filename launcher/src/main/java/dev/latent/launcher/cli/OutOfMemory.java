package dev.latent.launcher.cli;

import java.util.Optional;

/**
 * Recognises running out of memory, on the Java heap or on the native side (ND4J's arrays live
 * in native memory that JavaCPP caps, by default at four times the heap), and says which
 * settings to change instead of printing a stack trace.
 */
public final class OutOfMemory {

    /** What the user can change, appended to the cause's own message. */
    static final String HINT = "lower training.batchSize or training.evalBatchSize, or give the run more memory"
            + " with LATENT_JAVA_OPTS: -Xmx (the Java heap; the native limit is 4x it by default) or"
            + " -Dorg.bytedeco.javacpp.maxPhysicalBytes (the native memory, for example 16g; 0 for no limit)";

    private OutOfMemory() {
    }

    /** The user's message when {@code e} or one of its causes is running out of memory. */
    public static Optional<String> message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof OutOfMemoryError || m.contains("Physical memory usage is too high")
                    || m.contains("Failed to allocate memory within limits") || m.contains("Cannot allocate new")) {
                return Optional.of("out of memory (" + m + "); " + HINT);
            }
        }
        return Optional.empty();
    }
}
