package dev.latent.launcher.config;

import java.util.Collection;
import java.util.Optional;

/**
 * Suggests the known name closest to a misspelt one: the one at the smallest Levenshtein
 * distance, if that distance is at most 2 (the first in iteration order on a tie).
 */
public final class DidYouMean {

    private static final int MAX_DISTANCE = 2;

    private DidYouMean() {
    }

    /** The closest of {@code known} to {@code given}, within distance 2. */
    public static Optional<String> closest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String k : known) {
            int d = distance(given, k);
            if (d < bestDistance && !k.equals(given)) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean 'adam'?"}, or the empty string when nothing is close. */
    public static String hint(String given, Collection<String> known) {
        return closest(given, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    /** The Levenshtein distance: insertions, deletions and substitutions of one character. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
