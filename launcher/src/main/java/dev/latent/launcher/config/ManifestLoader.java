package dev.latent.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latent.api.config.ConfigProblem;
import dev.latent.api.model.ModelProvider;
import dev.latent.api.engine.DType;
import dev.latent.api.plugin.PluginProvider;
import dev.latent.launcher.plugin.LatentHome;
import dev.latent.launcher.plugin.PluginCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a manifest's tree ({@link ManifestTree}: the file, what it extends, the
 * {@code --set}s) against the plugin catalog, reporting every problem at once (unknown keys
 * and plugin names with a did-you-mean, missing keys, wrong types, out-of-range values, no
 * available engine, a chosen name that two plugins share) in a {@link ManifestException}, each
 * with its id ({@link ProblemId}).
 *
 * <p>A plugin section is a mapping with {@code name} and the plugin's settings, or just the name:
 * {@code loss: mse}. Sections: engine (default cpu; also a fallback list, see
 * {@link EngineSelection}), dataset, model, loss, optimizer, noise (optional); top-level keys:
 * extends, plugins, seed, dtype, training, output, description, tune (the search space of
 * {@code latent tune}, {@link TuneConfig}; checked here, ignored by training).
 */
public final class ManifestLoader {

    private static final Set<String> OPTIONAL_SECTIONS = Set.of("noise");
    private static final List<String> TOP_LEVEL = List.of("description", "extends", "plugins", "seed", "dtype", "engine",
            "dataset", "model", "loss", "optimizer", "noise", "listeners", "training", "output", "tune");

    private final PluginCatalog catalog;
    private final Path profiles;

    /** A loader whose {@code extends} finds shipped profiles under {@code profiles}. */
    public ManifestLoader(PluginCatalog catalog, Path profiles) {
        this.catalog = catalog;
        this.profiles = profiles;
    }

    /** A loader whose {@code extends} finds shipped profiles in the detected {@link LatentHome}. */
    public ManifestLoader(PluginCatalog catalog) {
        this(catalog, LatentHome.detect().profiles());
    }

    /** Reads and resolves {@code file} with no command-line overrides. */
    public Manifest load(Path file) {
        return load(ManifestTree.read(file, profiles, List.of()), null);
    }

    /** Resolves a tree; {@code engine}, when not null, is the command line's {@code --engine}. */
    public Manifest load(ManifestTree tree, String engine) {
        JsonNode root = tree.root();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                problems.add(new ConfigProblem(ProblemId.UNKNOWN_KEY, key, "is not a manifest section; allowed: "
                        + String.join(", ", TOP_LEVEL) + DidYouMean.hint(key, TOP_LEVEL)));
            }
        }
        List<Path> plugins = plugins(root.get("plugins"), problems);
        long seed = 42;
        JsonNode seedNode = root.get("seed");
        if (seedNode != null) {
            if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
                seed = seedNode.longValue();
            } else {
                problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, "seed", "expected an integer, found "
                        + RecordBinder.show(seedNode)));
            }
        }
        DType dtype = DType.FLOAT32;
        JsonNode dtypeNode = root.get("dtype");
        if (dtypeNode != null) {
            switch (dtypeNode.asText()) {
                case "float32" -> dtype = DType.FLOAT32;
                case "float64" -> dtype = DType.FLOAT64;
                default -> problems.add(new ConfigProblem(ProblemId.OUT_OF_RANGE, "dtype",
                        "must be one of float32, float64, found " + RecordBinder.show(dtypeNode)));
            }
        }
        Map<String, Choice> choices = new LinkedHashMap<>();
        List<SkippedEngine> skipped = List.of();
        for (String section : PluginCatalog.SPIS.keySet()) {
            if (section.equals("listener")) {
                continue;                                     // a list, below
            }
            Choice c;
            if (section.equals("engine")) {
                EngineSelection.Result r = new EngineSelection(this, catalog).select(root.get(section), engine, problems);
                c = r.choice();
                skipped = r.skipped();
            } else {
                c = choose(section, root.get(section), problems);
            }
            if (c != null) {
                choices.put(section, c);
            }
        }
        Choice model = choices.get("model");
        if (model != null && model.provider() instanceof ModelProvider<?> m && m.needsNoise() && root.get("noise") == null) {
            problems.add(new ConfigProblem(ProblemId.MISSING_KEY, "noise", "is required by model '" + model.name()
                    + "', which trains on corrupted inputs against clean targets; available: " + available("noise")));
        }
        List<Choice> listeners = listeners(root.get("listeners"), problems);
        TrainingConfig training = RecordBinder.bind(root.get("training"), TrainingConfig.class, "training",
                "training", List.of(), problems);
        JsonNode outputNode = root.get("output");
        Path output = Path.of("runs");
        if (outputNode != null) {
            Path folder = outputNode.isTextual() && !outputNode.asText().isBlank()
                    ? ManifestTree.path(outputNode.asText()) : null;
            if (folder != null) {
                output = folder;
            } else {
                problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, "output", "must be a folder name, found "
                        + RecordBinder.show(outputNode)));
            }
        }
        TuneConfig tune = TuneConfig.parse(root.get("tune"), problems);
        if (!problems.isEmpty()) {
            throw new ManifestException(tree.file(), tree.parents(), problems);
        }
        Manifest manifest = new Manifest(tree.file(), seed, dtype, output, training, choices, skipped, plugins, listeners,
                java.util.Optional.ofNullable(tune));
        if (tune != null) {
            tune.check(manifest.resolved(), training, problems);
            if (!problems.isEmpty()) {
                throw new ManifestException(tree.file(), tree.parents(), problems);
            }
        }
        return manifest;
    }

    private static List<Path> plugins(JsonNode node, List<ConfigProblem> problems) {
        List<Path> folders = new ArrayList<>();
        if (node == null || node.isNull()) {
            return folders;
        }
        if (!node.isArray()) {
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, "plugins", "expected a list of folders, found "
                    + RecordBinder.show(node)));
            return folders;
        }
        for (int i = 0; i < node.size(); i++) {
            Path folder = node.get(i).isTextual() ? ManifestTree.path(node.get(i).asText()) : null;
            if (folder != null) {
                folders.add(folder);
            } else {
                problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, "plugins[" + i + "]", "expected a folder name, found "
                        + RecordBinder.show(node.get(i))));
            }
        }
        return folders;
    }

    /** The {@code listeners:} list: each entry a listener's name or a mapping with its name and settings. */
    private List<Choice> listeners(JsonNode node, List<ConfigProblem> problems) {
        List<Choice> chosen = new ArrayList<>();
        if (node == null || node.isNull()) {
            return chosen;
        }
        if (!node.isArray()) {
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, "listeners", "expected a list of listeners, found "
                    + RecordBinder.show(node) + "; available: " + available("listener")));
            return chosen;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "listeners[" + i + "]";
            PluginCatalog.Entry entry = lookup("listener", path, node.get(i), problems);
            Choice c = entry == null ? null : bindChoice("listener", path, entry, node.get(i), problems);
            if (c != null) {
                chosen.add(c);
            }
        }
        return chosen;
    }

    private Choice choose(String section, JsonNode node, List<ConfigProblem> problems) {
        if (node == null || node.isNull()) {
            if (!OPTIONAL_SECTIONS.contains(section)) {
                problems.add(new ConfigProblem(ProblemId.MISSING_KEY, section, "is required; available: " + available(section)));
            }
            return null;
        }
        PluginCatalog.Entry entry = lookup(section, section, node, problems);
        return entry == null ? null : bindChoice(section, section, entry, node, problems);
    }

    /** The provider a section's node names, or null with the problem added. */
    PluginCatalog.Entry lookup(String section, String path, JsonNode node, List<ConfigProblem> problems) {
        if (!node.isTextual() && !node.isObject()) {
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, path, "expected a name or a mapping with the name"
                    + " and settings, found " + RecordBinder.show(node) + "; available: " + available(section)));
            return null;
        }
        JsonNode nameNode = node.isTextual() ? node : node.get("name");
        if (nameNode == null || nameNode.isNull()) {
            problems.add(new ConfigProblem(ProblemId.MISSING_KEY, path + ".name", "is required; available: "
                    + available(section)));
            return null;
        }
        if (!nameNode.isTextual()) {
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, path + ".name", "expected a string, found "
                    + RecordBinder.show(nameNode) + "; available: " + available(section)));
            return null;
        }
        String name = nameNode.asText();
        PluginCatalog.Entry entry = catalog.find(section, name);
        if (entry == null) {
            List<String> broken = catalog.brokenJars();
            problems.add(new ConfigProblem(broken.isEmpty() ? ProblemId.UNKNOWN_PLUGIN : ProblemId.BROKEN_PLUGIN,
                    path + ".name", "is " + RecordBinder.quote(name) + ", but no " + section + " has that name; available: "
                    + available(section) + DidYouMean.hint(name, catalog.section(section).keySet())
                    + (broken.isEmpty() ? "" : "; it may be in a plugin jar that could not be loaded: "
                    + String.join("; ", broken))));
            return null;
        }
        String clash = catalog.clash(section, name);
        if (clash != null) {
            problems.add(new ConfigProblem(ProblemId.PLUGIN_CLASH, path + ".name", "is '" + name + "', which two providers share: "
                    + clash + "; remove or rename one of them"));
            return null;
        }
        return entry;
    }

    /** Binds the settings of {@code node} (a mapping, or a name alone) to the provider's configuration. */
    Choice bindChoice(String section, String path, PluginCatalog.Entry entry, JsonNode node, List<ConfigProblem> problems) {
        JsonNode settings = node.isObject() ? node : null;
        Record config = bind(entry.provider(), settings, path, section + " '" + entry.name() + "'", problems);
        return config == null ? null : new Choice(section, entry, config);
    }

    private static <C extends Record> C bind(PluginProvider<C> provider, JsonNode settings, String path,
                                             String owner, List<ConfigProblem> problems) {
        return RecordBinder.bind(settings, provider.configType(), path, owner, List.of("name"), problems);
    }

    String available(String section) {
        Set<String> names = catalog.section(section).keySet();
        return names.isEmpty() ? "none found" : String.join(", ", names);
    }
}
