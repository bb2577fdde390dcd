package dev.latent.launcher.tune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latent.launcher.config.SearchRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tree-structured Parzen estimator (TPE) of Bergstra, Bardenet, Bengio and Kégl,
 * "Algorithms for Hyper-Parameter Optimization" (NeurIPS 2011).
 *
 * <p>The first {@code startupTrials} trials (counted in completed trials) are drawn at random
 * ({@link RandomSampler}'s draws). After that, the completed trials are sorted by value and the
 * best {@code ceil(gamma * n)} of them (at least one) form the good group; the rest, with every
 * pruned and failed trial, form the bad group. Each setting is then chosen on its own, as in the
 * paper: a density l(x) is fitted to the good group's values and g(x) to the bad group's
 * ({@link ParzenEstimator} in the interval's coordinates, so in the logarithm for
 * {@code logUniform}; for a choice of K values, the frequencies with a prior of one trial
 * spread evenly, p(k) = (count(k) + 1/K) / (n + 1)), {@code candidates} values are drawn from
 * l, and the one with the largest l(x)/g(x), the expected improvement's maximiser, is taken
 * (the first on a tie).
 *
 * <p>Counting pruned and failed trials as bad (rather than leaving them out, as Optuna does
 * with failed ones) steers the search away from settings that diverge.
 */
public final class TpeSampler implements Sampler {

    private final Map<String, SearchRange> space;
    private final long seed;
    private final int startupTrials;
    private final double gamma;
    private final int candidates;
    private final RandomSampler startup;

    public TpeSampler(Map<String, SearchRange> space, long seed, int startupTrials, double gamma, int candidates) {
        this.space = new LinkedHashMap<>(space);
        this.seed = seed;
        this.startupTrials = startupTrials;
        this.gamma = gamma;
        this.candidates = candidates;
        this.startup = new RandomSampler(space, seed);
    }

    @Override
    public Map<String, JsonNode> sample(int number, List<TrialRecord> history) {
        List<TrialRecord> complete = new ArrayList<>(history.stream().filter(TrialRecord::counts).toList());
        if (complete.size() < startupTrials) {
            return startup.sample(number, history);
        }
        complete.sort(Comparator.comparingDouble(TrialRecord::value).thenComparingInt(TrialRecord::number));
        int good = Math.max(1, (int) Math.ceil(gamma * complete.size()));
        List<TrialRecord> below = complete.subList(0, good);
        List<TrialRecord> above = new ArrayList<>(complete.subList(good, complete.size()));
        history.stream().filter(t -> !t.counts()).forEach(above::add);
        SplittableRandom random = Coordinates.stream(seed, number);
        Map<String, JsonNode> params = new LinkedHashMap<>();
        space.forEach((path, range) -> params.put(path, range instanceof SearchRange.Choice c
                ? choose(path, c, below, above, random) : choose(path, range, below, above, random)));
        return params;
    }

    /** The candidate of l (the good group's density) with the largest log l(x) - log g(x). */
    private JsonNode choose(String path, SearchRange range, List<TrialRecord> below, List<TrialRecord> above,
                            SplittableRandom random) {
        double low = Coordinates.low(range);
        double high = Coordinates.high(range);
        ParzenEstimator l = new ParzenEstimator(points(path, range, below), low, high);
        ParzenEstimator g = new ParzenEstimator(points(path, range, above), low, high);
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates; i++) {
            double x = l.sample(random);
            double score = l.logDensity(x) - g.logDensity(x);
            if (Double.isNaN(best) || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return Coordinates.fromInterval(range, best);
    }

    /** The candidate value of a choice with the largest log l(k) - log g(k). */
    private JsonNode choose(String path, SearchRange.Choice choice, List<TrialRecord> below, List<TrialRecord> above,
                            SplittableRandom random) {
        double[] l = frequencies(path, choice, below);
        double[] g = frequencies(path, choice, above);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates; i++) {
            int k = Coordinates.pick(l, random);
            double score = Math.log(l[k]) - Math.log(g[k]);
            if (best < 0 || score > bestScore) {
                best = k;
                bestScore = score;
            }
        }
        return choice.values().get(best);
    }

    /** The recorded values of {@code path} in the interval's coordinates, those outside the range left out. */
    private static double[] points(String path, SearchRange range, List<TrialRecord> trials) {
        return trials.stream().mapToDouble(t -> Coordinates.toInterval(range, t.params().get(path)))
                .filter(x -> !Double.isNaN(x)).toArray();
    }

    /** p(k) = (count(k) + 1/K) / (n + 1) over the K values of the choice. */
    private static double[] frequencies(String path, SearchRange.Choice choice, List<TrialRecord> trials) {
        int k = choice.values().size();
        double[] p = new double[k];
        java.util.Arrays.fill(p, 1.0 / k);
        double n = 1;
        for (TrialRecord t : trials) {
            int i = Coordinates.index(choice, t.params().get(path));
            if (i >= 0) {
                p[i]++;
                n++;
            }
        }
        for (int i = 0; i < k; i++) {
            p[i] /= n;
        }
        return p;
    }
}
