package dev.latent.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.config.ConfigProblem;
import dev.latent.api.engine.Availability;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.EngineProvider;
import dev.latent.api.plugin.PluginProvider;
import dev.latent.launcher.plugin.PluginCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML manifest and resolves it against the plugin catalog, reporting every problem at
 * once (unknown keys and plugin names, missing keys, wrong types, out-of-range values, an
 * unavailable engine) in a {@link ManifestException}.
 *
 * <p>A plugin section is a mapping with {@code name} and the plugin's settings, or just the name:
 * {@code loss: mse}. Sections: engine (default cpu), dataset, model, loss, optimizer, noise
 * (optional); top-level keys: seed, dtype, training, output, description.
 */
public final class ManifestLoader {

    private static final Set<String> OPTIONAL_SECTIONS = Set.of("engine", "noise");
    private static final List<String> TOP_LEVEL = List.of("description", "seed", "dtype", "engine", "dataset",
            "model", "loss", "optimizer", "noise", "training", "output");

    private final PluginCatalog catalog;

    public ManifestLoader(PluginCatalog catalog) {
        this.catalog = catalog;
    }

    public Manifest load(Path file) {
        return resolve(file, ManifestYaml.read(file));
    }

    private Manifest resolve(Path file, JsonNode root) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                problems.add(new ConfigProblem(key, "is not a manifest section; allowed: " + String.join(", ", TOP_LEVEL)));
            }
        }
        long seed = 42;
        JsonNode seedNode = root.get("seed");
        if (seedNode != null) {
            if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
                seed = seedNode.longValue();
            } else {
                problems.add(new ConfigProblem("seed", "expected an integer, found " + RecordBinder.show(seedNode)));
            }
        }
        DType dtype = DType.FLOAT32;
        JsonNode dtypeNode = root.get("dtype");
        if (dtypeNode != null) {
            switch (dtypeNode.asText()) {
                case "float32" -> dtype = DType.FLOAT32;
                case "float64" -> dtype = DType.FLOAT64;
                default -> problems.add(new ConfigProblem("dtype", "must be one of float32, float64, found "
                        + RecordBinder.show(dtypeNode)));
            }
        }
        Map<String, Choice> choices = new LinkedHashMap<>();
        for (String section : PluginCatalog.SPIS.keySet()) {
            Choice c = choose(section, root.get(section), problems);
            if (c != null) {
                choices.put(section, c);
            }
        }
        TrainingConfig training = RecordBinder.bind(root.get("training"), TrainingConfig.class, "training",
                "training", List.of(), problems);
        JsonNode outputNode = root.get("output");
        Path output = Path.of("runs");
        if (outputNode != null) {
            if (outputNode.isTextual() && !outputNode.asText().isBlank()) {
                output = Path.of(outputNode.asText());
            } else {
                problems.add(new ConfigProblem("output", "must be a folder name, found " + RecordBinder.show(outputNode)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(file, problems);
        }
        return new Manifest(file, seed, dtype, output, training, choices);
    }

    private Choice choose(String section, JsonNode node, List<ConfigProblem> problems) {
        if (node == null || node.isNull()) {
            if (section.equals("engine")) {
                node = new YAMLMapper().getNodeFactory().textNode("cpu");
            } else if (OPTIONAL_SECTIONS.contains(section)) {
                return null;
            } else {
                problems.add(new ConfigProblem(section, "is required; available: " + available(section)));
                return null;
            }
        }
        JsonNode settings = node.isObject() ? node : null;
        JsonNode nameNode = node.isTextual() ? node : node.get("name");
        if (nameNode == null || nameNode.isNull()) {
            problems.add(new ConfigProblem(section + ".name", "is required; available: " + available(section)));
            return null;
        }
        if (!nameNode.isTextual()) {
            problems.add(new ConfigProblem(section + ".name", "expected a string, found " + RecordBinder.show(nameNode)
                    + "; available: " + available(section)));
            return null;
        }
        String name = nameNode.asText();
        PluginCatalog.Entry entry = catalog.find(section, name);
        if (entry == null) {
            problems.add(new ConfigProblem(section + ".name", "is '" + name + "', but no " + section
                    + " has that name; available: " + available(section)));
            return null;
        }
        if (entry.provider() instanceof EngineProvider<?> engine) {
            Availability a = engine.availability();
            if (!a.available()) {
                problems.add(new ConfigProblem(section + ".name", "is '" + name + "', which is " + a));
            }
        }
        Record config = bind(entry.provider(), settings, section, name, problems);
        return config == null ? null : new Choice(section, entry, config);
    }

    private static <C extends Record> C bind(PluginProvider<C> provider, JsonNode settings, String section,
                                             String name, List<ConfigProblem> problems) {
        return RecordBinder.bind(settings, provider.configType(), section, section + " '" + name + "'",
                List.of("name"), problems);
    }

    private String available(String section) {
        Set<String> names = catalog.section(section).keySet();
        return names.isEmpty() ? "none found" : String.join(", ", names);
    }
}
