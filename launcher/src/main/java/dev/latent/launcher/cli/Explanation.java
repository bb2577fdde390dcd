package dev.latent.launcher.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.config.ConfigProblem;
import dev.latent.launcher.config.Choice;
import dev.latent.launcher.config.Manifest;
import dev.latent.launcher.config.ManifestTree;
import dev.latent.launcher.plugin.PluginCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code latent explain} prints: the resolved manifest as YAML (every default filled in,
 * after {@code extends} and {@code --set}), then the wiring: for each section the chosen
 * provider with its module, version and jar, the engine choice with the engines passed over,
 * the plugin folders searched and the plugin warnings. Creates nothing: no engine, no model,
 * no native code.
 */
final class Explanation {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private Explanation() {
    }

    static List<String> lines(ManifestTree tree, Manifest manifest, PluginCatalog catalog) {
        List<String> out = new ArrayList<>();
        out.add("# " + tree.file() + (tree.parents().isEmpty() ? "" : ", extends "
                + String.join(" -> ", tree.parents().stream().map(Path::toString).toList())));
        out.add("# resolved: every default filled in, after extends and --set");
        try {
            YAML.writeValueAsString(manifest.resolved()).lines().forEach(out::add);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the resolved manifest: " + e.getMessage(), e);
        }
        out.add("");
        out.add("# wiring (nothing is created: no engine, no model, no native code)");
        PluginTable table = new PluginTable("");
        for (Map.Entry<String, Choice> c : manifest.choices().entrySet()) {
            table.add(c.getValue().entry(), "");
        }
        table.lines("").forEach(out::add);
        out.add(manifest.engineReport());
        out.add("plugin folders searched:");
        for (Map.Entry<Path, Integer> f : catalog.pluginFolders().entrySet()) {
            int n = f.getValue();
            out.add("  " + f.getKey() + (n < 0 ? " (missing)" : n == 1 ? " (1 jar)" : " (" + n + " jars)"));
        }
        List<ConfigProblem> warnings = catalog.warnings();
        if (!warnings.isEmpty()) {
            out.add("plugin warnings:");
            warnings.forEach(w -> out.add("  " + w.line()));
        }
        return out;
    }
}
