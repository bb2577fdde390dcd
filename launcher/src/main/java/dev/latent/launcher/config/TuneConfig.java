package dev.latent.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latent.api.config.ConfigProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest's {@code tune} section, which only {@code latent tune} reads ({@code latent train}
 * ignores it): the search's {@link TuneSettings} and its {@code space}, the settings to search by
 * their manifest paths, each with its {@link SearchRange}:
 *
 * <pre>{@code
 * tune:
 *   metric: validation_loss
 *   space:
 *     optimizer.learningRate: {logUniform: [1e-4, 1e-1]}
 *     model.activation: {choice: [relu, tanh]}
 * }</pre>
 *
 * Each path must name a key of the resolved manifest (every default explicit), such as the
 * chosen optimizer's settings; a sampled value is written there as {@code --set path=value}
 * would write it ({@link SetOverrides#set}).
 *
 * @param space the ranges by path, in the manifest's order
 */
public record TuneConfig(TuneSettings settings, Map<String, SearchRange> space) {

    public TuneConfig {
        space = Collections.unmodifiableMap(new LinkedHashMap<>(space));
    }

    /** The section at {@code node}; null (with the problems added) when it is not valid. */
    static TuneConfig parse(JsonNode node, List<ConfigProblem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        int before = problems.size();
        TuneSettings settings = RecordBinder.bind(node, TuneSettings.class, "tune", "tune", List.of("space"), problems);
        if (!node.isObject()) {
            return null;                                      // reported by the binder
        }
        JsonNode spaceNode = node.get("space");
        Map<String, SearchRange> space = new LinkedHashMap<>();
        if (spaceNode == null || spaceNode.isNull() || (spaceNode.isObject() && spaceNode.isEmpty())) {
            problems.add(new ConfigProblem(ProblemId.MISSING_KEY, "tune.space", "is required: the settings to search"
                    + " by their paths, such as optimizer.learningRate: {logUniform: [1e-4, 1e-1]}"));
        } else if (!spaceNode.isObject()) {
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, "tune.space", "expected a mapping of setting paths"
                    + " to ranges, found " + RecordBinder.show(spaceNode)));
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = spaceNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                SearchRange range = SearchRange.parse(e.getValue(), "tune.space." + e.getKey(), problems);
                if (range != null) {
                    space.put(e.getKey(), range);
                }
            }
        }
        return problems.size() > before ? null : new TuneConfig(settings, space);
    }

    /**
     * Checks that every path of the space names a key of {@code resolved} (the manifest as a run
     * saves it) and that the metric is measured, adding a problem for each that does not.
     */
    void check(Map<String, Object> resolved, TrainingConfig training, List<ConfigProblem> problems) {
        if (settings.metric().equals(TuneSettings.VALIDATION_LOSS) && training.validationFraction() == 0) {
            problems.add(new ConfigProblem(ProblemId.OUT_OF_RANGE, "tune.metric", "is 'validation_loss', but there is"
                    + " no validation split: set training.validationFraction > 0, or tune on train_loss"));
        }
        for (String path : space.keySet()) {
            Object node = resolved;
            List<String> walked = new ArrayList<>();
            for (String key : path.split("\\.", -1)) {
                if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                    String at = walked.isEmpty() ? "the manifest" : String.join(".", walked);
                    List<String> keys = node instanceof Map<?, ?> m ? m.keySet().stream().map(String::valueOf).toList()
                            : List.of();
                    problems.add(new ConfigProblem(ProblemId.UNKNOWN_KEY, "tune.space." + path, "is not a setting of"
                            + " the resolved manifest: " + at + (keys.isEmpty() ? " is not a mapping"
                            : " has " + String.join(", ", keys) + DidYouMean.hint(key, keys))));
                    break;
                }
                walked.add(key);
                node = map.get(key);
            }
        }
    }
}
