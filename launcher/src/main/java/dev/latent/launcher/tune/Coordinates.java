package dev.latent.launcher.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.latent.launcher.config.SearchRange;
import java.util.SplittableRandom;

/**
 * Where the samplers work: a numeric range as an interval of reals (the value for
 * {@code uniform}, its natural logarithm for {@code logUniform}), a choice as the index of its
 * value; and the seeded random stream of each trial.
 */
final class Coordinates {

    /** Separates the sampler's streams from the other streams of the manifest's seed. */
    private static final long SALT = 0x54554E45L;

    private Coordinates() {
    }

    /** The random stream of trial {@code number}: a function of the seed and the number only. */
    static SplittableRandom stream(long seed, int number) {
        return new SplittableRandom(new SplittableRandom(seed ^ SALT).nextLong() + number * 0x9E3779B97F4A7C15L);
    }

    /** The low end of a numeric range's interval. */
    static double low(SearchRange r) {
        return r instanceof SearchRange.LogUniform l ? Math.log(l.low()) : ((SearchRange.Uniform) r).low();
    }

    /** The high end of a numeric range's interval. */
    static double high(SearchRange r) {
        return r instanceof SearchRange.LogUniform l ? Math.log(l.high()) : ((SearchRange.Uniform) r).high();
    }

    /** A recorded value in the interval of its numeric range; NaN when it is not a number inside it. */
    static double toInterval(SearchRange r, JsonNode v) {
        if (v == null || !v.isNumber()) {
            return Double.NaN;
        }
        double x = r instanceof SearchRange.LogUniform ? Math.log(v.doubleValue()) : v.doubleValue();
        return x >= low(r) && x <= high(r) ? x : Double.NaN;
    }

    /** The value of a point of the interval, kept inside the range's bounds. */
    static JsonNode fromInterval(SearchRange r, double x) {
        double value = r instanceof SearchRange.LogUniform l
                ? Math.min(l.high(), Math.max(l.low(), Math.exp(x))) : x;
        return DoubleNode.valueOf(value);
    }

    /** The index of a recorded value among a choice's values; -1 when it is none of them. */
    static int index(SearchRange.Choice c, JsonNode v) {
        return v == null ? -1 : c.values().indexOf(v);
    }

    /** A uniform draw from a range: uniform over the interval, or any of the choice's values. */
    static JsonNode uniform(SearchRange r, SplittableRandom random) {
        if (r instanceof SearchRange.Choice c) {
            return c.values().get(random.nextInt(c.values().size()));
        }
        return fromInterval(r, low(r) + random.nextDouble() * (high(r) - low(r)));
    }

    /** An index drawn with the probabilities {@code p} (summing to 1). */
    static int pick(double[] p, SplittableRandom random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < p.length - 1; i++) {
            cumulative += p[i];
            if (u < cumulative) {
                return i;
            }
        }
        return p.length - 1;
    }
}
