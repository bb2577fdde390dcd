package dev.latent.launcher.tune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latent.launcher.config.SearchRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random search (Bergstra and Bengio 2012): each setting drawn independently and uniformly from
 * its range (uniform in the logarithm for {@code logUniform}), from the trial's own seeded stream.
 */
public final class RandomSampler implements Sampler {

    private final Map<String, SearchRange> space;
    private final long seed;

    public RandomSampler(Map<String, SearchRange> space, long seed) {
        this.space = new LinkedHashMap<>(space);
        this.seed = seed;
    }

    @Override
    public Map<String, JsonNode> sample(int number, List<TrialRecord> history) {
        SplittableRandom random = Coordinates.stream(seed, number);
        Map<String, JsonNode> params = new LinkedHashMap<>();
        space.forEach((path, range) -> params.put(path, Coordinates.uniform(range, random)));
        return params;
    }
}
