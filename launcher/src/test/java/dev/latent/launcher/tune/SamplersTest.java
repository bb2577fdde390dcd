package dev.latent.launcher.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.latent.launcher.config.SearchRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The samplers: seeded draws inside their ranges, and TPE finding a minimum sooner than random search. */
class SamplersTest {

    private static final Map<String, SearchRange> SPACE = space();

    private static Map<String, SearchRange> space() {
        Map<String, SearchRange> s = new LinkedHashMap<>();
        s.put("lr", new SearchRange.LogUniform(1e-4, 1e-1));
        s.put("beta", new SearchRange.Uniform(0, 0.95));
        s.put("act", new SearchRange.Choice(List.of(TextNode.valueOf("relu"), TextNode.valueOf("tanh"),
                TextNode.valueOf("softplus"))));
        return s;
    }

    /** A toy objective with its minimum at lr = 10^-2.5, beta = 0.7, act = tanh (value 0). */
    private static double toy(Map<String, JsonNode> p) {
        double lr = Math.log10(p.get("lr").doubleValue()) + 2.5;
        double beta = p.get("beta").doubleValue() - 0.7;
        return lr * lr + 4 * beta * beta + (p.get("act").asText().equals("tanh") ? 0 : 0.5);
    }

    /** Runs {@code n} trials of {@code f} with {@code sampler}, all complete, as a study would. */
    private static List<TrialRecord> search(Sampler sampler, int n, ToDoubleFunction<Map<String, JsonNode>> f) {
        List<TrialRecord> history = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Map<String, JsonNode> p = sampler.sample(i, List.copyOf(history));
            double v = f.applyAsDouble(p);
            history.add(new TrialRecord(i, TrialState.COMPLETE, p, v, Double.NaN, List.of(v), 0, ""));
        }
        return history;
    }

    @Test
    void randomDrawsAreSeededAndInsideTheirRanges() {
        RandomSampler a = new RandomSampler(SPACE, 42);
        assertEquals(a.sample(3, List.of()), new RandomSampler(SPACE, 42).sample(3, List.of()));
        assertNotEquals(a.sample(3, List.of()), a.sample(4, List.of()));
        assertNotEquals(a.sample(3, List.of()), new RandomSampler(SPACE, 43).sample(3, List.of()));
        int[] acts = new int[3];
        int belowMilli = 0;
        for (int i = 1; i <= 3000; i++) {
            Map<String, JsonNode> p = a.sample(i, List.of());
            assertEquals(List.of("lr", "beta", "act"), List.copyOf(p.keySet()));
            double lr = p.get("lr").doubleValue();
            double beta = p.get("beta").doubleValue();
            assertTrue(lr >= 1e-4 && lr <= 0.1 && beta >= 0 && beta <= 0.95, p.toString());
            belowMilli += lr < 1e-3 ? 1 : 0;
            acts[List.of("relu", "tanh", "softplus").indexOf(p.get("act").asText())]++;
        }
        // uniform in the logarithm: a third of the draws fall in [1e-4, 1e-3); each activation a third
        assertEquals(1000, belowMilli, 80);
        for (int c : acts) {
            assertEquals(1000, c, 80, Arrays.toString(acts));
        }
    }

    @Test
    void tpeIsAFunctionOfTheSeedTheNumberAndTheHistory() {
        List<TrialRecord> history = search(new TpeSampler(SPACE, 7, 5, 0.25, 24), 12, SamplersTest::toy);
        TpeSampler tpe = new TpeSampler(SPACE, 7, 5, 0.25, 24);
        Map<String, JsonNode> next = tpe.sample(13, history);
        assertEquals(next, new TpeSampler(SPACE, 7, 5, 0.25, 24).sample(13, history));
        assertNotEquals(next, new TpeSampler(SPACE, 8, 5, 0.25, 24).sample(13, history));
        assertNotEquals(next, tpe.sample(13, history.subList(0, 11)));
        // before startupTrials have completed, TPE draws exactly what random search draws
        assertEquals(new RandomSampler(SPACE, 7).sample(4, history.subList(0, 3)), tpe.sample(4, history.subList(0, 3)));
        // and the same run twice records the same trials
        assertEquals(history, search(new TpeSampler(SPACE, 7, 5, 0.25, 24), 12, SamplersTest::toy));
    }

    @Test
    void tpeConcentratesNearTheMinimumOfAOneDimensionalQuadratic() {
        Map<String, SearchRange> line = Map.of("x", new SearchRange.Uniform(-2, 2));
        ToDoubleFunction<Map<String, JsonNode>> f = p -> Math.pow(p.get("x").doubleValue() - 0.5, 2);
        double[] tpeDistance = new double[10];
        double[] randomDistance = new double[10];
        for (int seed = 0; seed < 10; seed++) {
            tpeDistance[seed] = meanDistance(search(new TpeSampler(line, seed, 10, 0.25, 24), 40, f));
            randomDistance[seed] = meanDistance(search(new RandomSampler(line, seed), 40, f));
        }
        double tpe = Arrays.stream(tpeDistance).average().orElseThrow();
        double random = Arrays.stream(randomDistance).average().orElseThrow();
        // random search's draws are 1.06 from 0.5 on average over [-2, 2]; TPE's last 20 close in
        assertEquals(1.06, random, 0.15);
        assertTrue(tpe < random / 3, "TPE " + tpe + " against random " + random);
        for (int seed = 0; seed < 10; seed++) {
            assertTrue(tpeDistance[seed] < randomDistance[seed], "seed " + seed + ": TPE " + tpeDistance[seed]
                    + " against random " + randomDistance[seed]);
        }
    }

    /** The mean |x - 0.5| of the last 20 trials. */
    private static double meanDistance(List<TrialRecord> trials) {
        return trials.subList(trials.size() - 20, trials.size()).stream()
                .mapToDouble(t -> Math.abs(t.params().get("x").doubleValue() - 0.5)).average().orElseThrow();
    }

    @Test
    void tpeFindsBetterSettingsThanRandomSearchOnAMixedSpace() {
        double[] tpeBest = new double[10];
        double[] randomBest = new double[10];
        int wins = 0;
        int tpeTanh = 0;
        for (int seed = 0; seed < 10; seed++) {
            List<TrialRecord> tpe = search(new TpeSampler(SPACE, seed, 10, 0.25, 24), 40, SamplersTest::toy);
            List<TrialRecord> random = search(new RandomSampler(SPACE, seed), 40, SamplersTest::toy);
            tpeBest[seed] = tpe.stream().mapToDouble(TrialRecord::value).min().orElseThrow();
            randomBest[seed] = random.stream().mapToDouble(TrialRecord::value).min().orElseThrow();
            wins += tpeBest[seed] < randomBest[seed] ? 1 : 0;
            tpeTanh += (int) tpe.subList(20, 40).stream().filter(t -> t.params().get("act").asText().equals("tanh")).count();
        }
        String both = "TPE " + Arrays.toString(tpeBest) + ", random " + Arrays.toString(randomBest);
        // TPE is greedy: with one seed of ten its good group holds only relu after the random start, and it stays
        // there (best 0.52); on the others it ends 5 to 20 times closer than random search
        assertTrue(wins >= 8, wins + " wins: " + both);
        assertTrue(median(tpeBest) < median(randomBest) / 5, both);
        // the good group is mostly tanh soon, so most of TPE's later draws are tanh (random search's: a third)
        assertTrue(tpeTanh > 200 * 0.6, tpeTanh + " of 200 later draws are tanh");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return MedianPruner.median(sorted);
    }

    @Test
    void tpeCountsPrunedAndFailedTrialsAsBad() {
        Map<String, SearchRange> line = Map.of("x", new SearchRange.Uniform(0, 1));
        List<TrialRecord> history = new ArrayList<>();
        // ten trials: the low half complete with the same value, the high half failed
        for (int i = 1; i <= 10; i++) {
            double x = (i - 0.5) / 10;
            Map<String, JsonNode> p = Map.of("x", com.fasterxml.jackson.databind.node.DoubleNode.valueOf(x));
            history.add(x < 0.5 ? new TrialRecord(i, TrialState.COMPLETE, p, 1.0, Double.NaN, List.of(1.0), 0, "")
                    : new TrialRecord(i, TrialState.FAILED, p, Double.NaN, Double.NaN, List.of(), 0, "diverged"));
        }
        TpeSampler tpe = new TpeSampler(line, 1, 5, 0.25, 24);
        int low = 0;
        for (int n = 11; n < 111; n++) {
            low += tpe.sample(n, history).get("x").doubleValue() < 0.5 ? 1 : 0;
        }
        assertTrue(low > 90, low + " of 100 draws away from the failed half");
    }
}
