package dev.latent.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latent.api.config.Checks;
import dev.latent.api.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The values one setting may take in a hyperparameter search ({@code latent tune}), as the
 * manifest's {@code tune.space} declares them: {@code {uniform: [low, high]}},
 * {@code {logUniform: [low, high]}} (uniform in the logarithm, for scales such as a learning
 * rate) or {@code {choice: [a, b, ...]}} (any YAML values: numbers, words, lists).
 */
public sealed interface SearchRange {

    /** The kinds of range, as the manifest names them. */
    List<String> KINDS = List.of("uniform", "logUniform", "choice");

    /** Numbers spread evenly over [low, high]. */
    record Uniform(double low, double high) implements SearchRange {
        public Uniform {
            Checks.of().that(low < high, "", "must be [low, high] with low < high, found [" + Checks.format(low)
                    + ", " + Checks.format(high) + "]").done();
        }
    }

    /** Numbers whose logarithm is spread evenly over [ln low, ln high]. */
    record LogUniform(double low, double high) implements SearchRange {
        public LogUniform {
            Checks.of().that(low > 0 && low < high, "", "must be [low, high] with 0 < low < high, found ["
                    + Checks.format(low) + ", " + Checks.format(high) + "]").done();
        }
    }

    /** One of a list of values, each a YAML value as the manifest would hold it. */
    record Choice(List<JsonNode> values) implements SearchRange {
        public Choice {
            values = List.copyOf(values);
            Checks.of().that(!values.isEmpty(), "", "must list at least one value, found []").done();
        }
    }

    /**
     * Reads one range at manifest path {@code path} ({@code tune.space.optimizer.learningRate});
     * adds what is wrong to {@code problems} and returns null.
     */
    static SearchRange parse(JsonNode node, String path, List<ConfigProblem> problems) {
        String expected = "expected one of {uniform: [low, high]}, {logUniform: [low, high]}, {choice: [values]}";
        if (node == null || !node.isObject() || node.size() != 1) {
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, path, expected + ", found "
                    + (node == null ? "nothing" : RecordBinder.show(node))));
            return null;
        }
        String kind = node.fieldNames().next();
        JsonNode value = node.get(kind);
        String at = path + "." + kind;
        if (!KINDS.contains(kind)) {
            problems.add(new ConfigProblem(ProblemId.UNKNOWN_KEY, at, "is not a kind of range; allowed: "
                    + String.join(", ", KINDS) + DidYouMean.hint(kind, KINDS)));
            return null;
        }
        if (!value.isArray()) {
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, at, "expected a list, found " + RecordBinder.show(value)));
            return null;
        }
        if (kind.equals("choice")) {
            List<JsonNode> values = new ArrayList<>();
            value.forEach(values::add);
            return construct(() -> new Choice(values), at, problems);
        }
        if (value.size() != 2 || !value.get(0).isNumber() || !value.get(1).isNumber()
                || !Double.isFinite(value.get(0).doubleValue()) || !Double.isFinite(value.get(1).doubleValue())) {
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, at, "expected two finite numbers [low, high], found "
                    + RecordBinder.show(value)));
            return null;
        }
        double low = value.get(0).doubleValue();
        double high = value.get(1).doubleValue();
        return construct(() -> kind.equals("uniform") ? new Uniform(low, high) : new LogUniform(low, high), at, problems);
    }

    private static SearchRange construct(java.util.function.Supplier<SearchRange> make, String at,
                                         List<ConfigProblem> problems) {
        try {
            return make.get();
        } catch (dev.latent.api.config.ConfigException e) {
            problems.addAll(e.under(at).problems());
            return null;
        }
    }
}
