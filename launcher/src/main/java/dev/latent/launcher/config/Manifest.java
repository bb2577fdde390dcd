package dev.latent.launcher.config;

import dev.latent.api.engine.DType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resolved, validated manifest: every choice bound to its provider's configuration, every
 * default filled in.
 *
 * @param source         the manifest file
 * @param seed           the seed of initialisation, shuffling and sampling
 * @param dtype          the element type of training
 * @param output         the folder that receives run folders
 * @param choices        the plugin choices by section: engine, dataset, model, loss, optimizer
 *                       and optionally noise
 * @param skippedEngines the engines listed before the chosen one, which cannot run here
 * @param pluginFolders  the plugin folders the manifest lists, absolute
 * @param tune           the search space of {@code latent tune}, when the manifest declares one; not part
 *                       of {@link #resolved()}, and training ignores it
 */
public record Manifest(Path source, long seed, DType dtype, Path output, TrainingConfig training,
                       Map<String, Choice> choices, List<SkippedEngine> skippedEngines, List<Path> pluginFolders,
                       List<Choice> listeners, java.util.Optional<TuneConfig> tune) {

    public Manifest {
        choices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(choices));
        skippedEngines = List.copyOf(skippedEngines);
        pluginFolders = List.copyOf(pluginFolders);
        listeners = List.copyOf(listeners);
    }

    public Choice choice(String section) {
        Choice c = choices.get(section);
        if (c == null) {
            throw new IllegalStateException("the manifest chose no " + section);
        }
        return c;
    }

    /** Which engine is used and why each one listed before it is not: {@code engine: using cpu; gpu is unavailable: ...}. */
    public String engineReport() {
        StringBuilder s = new StringBuilder("engine: using ").append(choice("engine").name());
        skippedEngines.forEach(e -> s.append("; ").append(e));
        return s.toString();
    }

    /** The manifest as a run saves it: what was asked for, with every default made explicit. */
    public Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", seed);
        out.put("dtype", dtype.name().toLowerCase(java.util.Locale.ROOT));
        choices.forEach((section, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.putAll(RecordBinder.unbind(c.config()));
            out.put(section, m);
        });
        if (!listeners.isEmpty()) {
            out.put("listeners", listeners.stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.putAll(RecordBinder.unbind(c.config()));
                return m;
            }).toList());
        }
        out.put("training", RecordBinder.unbind(training));
        out.put("output", output.toString());
        if (!pluginFolders.isEmpty()) {
            out.put("plugins", pluginFolders.stream().map(Path::toString).toList());
        }
        return out;
    }
}
