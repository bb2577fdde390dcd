package dev.latent.api.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Collects every problem with a configuration record, then throws them together. Use it in a
 * record's compact constructor:
 *
 * <pre>{@code
 * public AdamConfig {
 *     Checks.of()
 *         .positive("learningRate", learningRate)
 *         .inHalfOpenUnit("beta1", beta1)
 *         .done();
 * }
 * }</pre>
 *
 * Paths are the record's own keys; the launcher places them under the manifest section.
 */
public final class Checks {

    private final List<ConfigProblem> problems = new ArrayList<>();

    private Checks() {
    }

    public static Checks of() {
        return new Checks();
    }

    /** Records a problem when {@code ok} is false. */
    public Checks that(boolean ok, String key, String message) {
        if (!ok) {
            problems.add(new ConfigProblem(key, message));
        }
        return this;
    }

    public Checks positive(String key, double value) {
        return that(value > 0, key, "must be > 0, found " + format(value));
    }

    public Checks nonNegative(String key, double value) {
        return that(value >= 0, key, "must be >= 0, found " + format(value));
    }

    public Checks atLeast(String key, long value, long min) {
        return that(value >= min, key, "must be >= " + min + ", found " + value);
    }

    /** value in [0, 1). */
    public Checks inHalfOpenUnit(String key, double value) {
        return that(value >= 0 && value < 1, key, "must be in [0, 1), found " + format(value));
    }

    /** value in [0, 1]. */
    public Checks inUnit(String key, double value) {
        return that(value >= 0 && value <= 1, key, "must be in [0, 1], found " + format(value));
    }

    public Checks notBlank(String key, String value) {
        return that(value != null && !value.isBlank(), key, "must not be empty");
    }

    /** value is one of {@code allowed}. */
    public Checks oneOf(String key, String value, Collection<String> allowed) {
        return that(allowed.contains(value), key,
                "must be one of " + String.join(", ", allowed) + ", found '" + value + "'");
    }

    /** Throws a {@link ConfigException} with every problem recorded, if any. */
    public void done() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Formats a number as a user wrote it: 1.2, 0.0001, 3 (not 3.0, nor 1.0E-4). */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-6 && magnitude < 1e15) {
            return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
