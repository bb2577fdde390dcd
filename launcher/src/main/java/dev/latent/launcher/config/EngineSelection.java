package dev.latent.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.latent.api.config.ConfigProblem;
import dev.latent.api.engine.Availability;
import dev.latent.api.engine.EngineProvider;
import dev.latent.launcher.plugin.PluginCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the engine: the manifest's {@code engine} is a name ({@code cpu}), a mapping with
 * name and settings, or a list of those tried in order ({@code engine: [gpu, cpu]}); the first
 * that is available on this machine is used. The command line's {@code --engine NAME} replaces
 * the list by that entry of it (with its settings), or by the bare name. No engine: {@code cpu}.
 *
 * <p>Every name in the list must exist (a typo in a fallback is reported, even when an earlier
 * engine is chosen); when none is available, one problem lists each with its reason.
 */
final class EngineSelection {

    /** The engine chosen with the ones passed over, or null (with problems added). */
    record Result(Choice choice, List<SkippedEngine> skipped) {
    }

    private final ManifestLoader loader;
    private final PluginCatalog catalog;

    EngineSelection(ManifestLoader loader, PluginCatalog catalog) {
        this.loader = loader;
        this.catalog = catalog;
    }

    Result select(JsonNode node, String override, List<ConfigProblem> problems) {
        boolean list = node != null && node.isArray();
        List<JsonNode> candidates = new ArrayList<>();
        if (node == null || node.isNull()) {
            candidates.add(JsonNodeFactory.instance.textNode("cpu"));
        } else if (list) {
            node.forEach(candidates::add);
            if (candidates.isEmpty()) {
                problems.add(new ConfigProblem(ProblemId.MISSING_KEY, "engine", "is an empty list; available: "
                        + loader.available("engine")));
                return new Result(null, List.of());
            }
        } else {
            candidates.add(node);
        }
        if (override != null) {
            JsonNode entry = JsonNodeFactory.instance.textNode(override);
            for (JsonNode c : candidates) {
                if (override.equals(name(c))) {
                    entry = c;
                }
            }
            candidates = List.of(entry);
            list = false;
        }
        List<SkippedEngine> skipped = new ArrayList<>();
        Choice chosen = null;
        int firstProblem = problems.size();
        for (int i = 0; i < candidates.size(); i++) {
            String path = list ? "engine[" + i + "]" : "engine";
            PluginCatalog.Entry entry = loader.lookup("engine", path, candidates.get(i), problems);
            if (entry == null || chosen != null || problems.size() > firstProblem) {
                continue;
            }
            Availability a = ((EngineProvider<?>) entry.provider()).availability();
            if (a.available()) {
                chosen = loader.bindChoice("engine", path, entry, candidates.get(i), problems);
            } else {
                skipped.add(new SkippedEngine(entry.name(), a.reason()));
            }
        }
        if (chosen == null && problems.size() == firstProblem) {
            if (skipped.size() == 1 && !list) {
                problems.add(new ConfigProblem(ProblemId.ENGINE_UNAVAILABLE, "engine.name", "is '"
                        + skipped.get(0).name() + "', which is unavailable: " + skipped.get(0).reason()));
            } else {
                problems.add(new ConfigProblem(ProblemId.ENGINE_UNAVAILABLE, "engine", "lists no engine that can run here: "
                        + String.join("; ", skipped.stream().map(SkippedEngine::toString).toList())));
            }
        }
        return new Result(chosen, skipped);
    }

    private static String name(JsonNode candidate) {
        JsonNode n = candidate.isObject() ? candidate.get("name") : candidate;
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
