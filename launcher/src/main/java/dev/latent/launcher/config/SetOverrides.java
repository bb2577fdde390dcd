package dev.latent.launcher.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.config.ConfigProblem;
import java.util.List;

/**
 * The command line's {@code --set path.to.key=value}: the value is parsed as YAML
 * ({@code training.epochs=3}, {@code model.hidden=[256,64]}, {@code optimizer.name=sgd},
 * {@code noise=} clears a section) and written into the manifest's tree, after
 * {@code extends}, creating mappings on the way. A section given by name alone
 * ({@code loss: mse}) becomes {@code {name: mse}} when a key is set under it. The result is
 * validated with the rest of the manifest, so a value of the wrong type is reported as the
 * manifest's own would be.
 */
public final class SetOverrides {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String EMPTY_KEY = "has an empty key in its path; write path.to.key=value";

    private SetOverrides() {
    }

    /** Applies each {@code path=value} in order to {@code root}; returns the ones that could not be applied. */
    public static List<ConfigProblem> apply(ObjectNode root, List<String> sets) {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        for (String set : sets) {
            String problem = applyOne(root, set);
            if (problem != null) {
                problems.add(new ConfigProblem(ProblemId.INVALID_SET, "", "--set '" + set + "' " + problem));
            }
        }
        return problems;
    }

    /** The value of {@code --set key=VALUE}: YAML, so {@code 3} is a number and {@code [1, 2]} a list. */
    static JsonNode parse(String text) throws JsonProcessingException {
        if (text.isBlank()) {
            return NullNode.getInstance();
        }
        JsonNode v = YAML.readTree(text);
        return v == null || v.isMissingNode() ? NullNode.getInstance() : v;
    }

    private static String applyOne(ObjectNode root, String set) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            return "must be path.to.key=value, such as training.epochs=3";
        }
        String path = set.substring(0, eq).strip();
        if (emptyKey(path)) {
            return EMPTY_KEY;
        }
        JsonNode value;
        try {
            value = parse(set.substring(eq + 1));
        } catch (JsonProcessingException e) {
            String where = ManifestYaml.where(e);
            return "has a value that is not YAML: " + ManifestYaml.problem(e) + (where.isEmpty() ? "" : " (" + where + ")");
        }
        return set(root, path, value);
    }

    private static boolean emptyKey(String path) {
        return List.of(path.split("\\.", -1)).contains("");
    }

    /**
     * Writes {@code value} at {@code path} ({@code optimizer.learningRate}) in {@code root} as
     * {@code --set path=value} does; returns what prevents it, or null when it was written.
     */
    public static String set(ObjectNode root, String path, JsonNode value) {
        if (emptyKey(path)) {
            return EMPTY_KEY;
        }
        String[] keys = path.split("\\.", -1);
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (child == null || child.isNull()) {
                node = node.putObject(keys[i]);
            } else if (child instanceof ObjectNode map) {
                node = map;
            } else if (child.isTextual()) {
                // a section by name alone: {loss: mse} -> {loss: {name: mse, KEY: VALUE}}
                ObjectNode named = node.putObject(keys[i]);
                named.put("name", child.asText());
                node = named;
            } else {
                return "cannot be applied: " + String.join(".", List.of(keys).subList(0, i + 1)) + " is "
                        + RecordBinder.show(child) + ", not a mapping";
            }
        }
        node.set(keys[keys.length - 1], value);
        return null;
    }
}
