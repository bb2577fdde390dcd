package dev.latent.launcher.tune;

import java.util.Locale;

/** How a trial of a search ended, as trials.csv writes it: complete, pruned or failed. */
public enum TrialState {
    /** Trained for all its epochs (or until early stopping); its value counts. */
    COMPLETE,
    /** Stopped early by the pruner; its value is its metric at the last epoch it ran. */
    PRUNED,
    /** Could not be trained with its settings (diverged, or a combination the manifest rejects). */
    FAILED;

    /** The word trials.csv writes: {@code complete}, {@code pruned}, {@code failed}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a word names. */
    public static TrialState of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
