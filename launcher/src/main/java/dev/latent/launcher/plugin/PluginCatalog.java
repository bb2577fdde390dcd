package dev.latent.launcher.plugin;

import dev.latent.api.data.DatasetProvider;
import dev.latent.api.engine.EngineProvider;
import dev.latent.api.model.LossProvider;
import dev.latent.api.model.ModelProvider;
import dev.latent.api.noise.NoiseProvider;
import dev.latent.api.optim.OptimizerProvider;
import dev.latent.api.plugin.PluginProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every provider found, by SPI and name. Providers are cheap by contract (no native code, no
 * I/O), so the catalog instantiates them to learn their names; the plugins themselves (models,
 * engines, ...) are created later, only for the names a manifest chooses.
 */
public final class PluginCatalog {

    /** The SPIs a manifest chooses from, keyed by their manifest section. */
    public static final Map<String, Class<?>> SPIS = spis();

    /** One provider with where it came from: a module name or an engine folder. */
    public record Entry(String section, PluginProvider<?> provider, String origin) {
        public String name() {
            return provider.name();
        }
    }

    private final Map<String, Map<String, Entry>> bySection;
    private final List<String> conflicts;

    private PluginCatalog(Map<String, Map<String, Entry>> bySection, List<String> conflicts) {
        this.bySection = bySection;
        this.conflicts = conflicts;
    }

    private static Map<String, Class<?>> spis() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("engine", EngineProvider.class);
        m.put("dataset", DatasetProvider.class);
        m.put("model", ModelProvider.class);
        m.put("loss", LossProvider.class);
        m.put("optimizer", OptimizerProvider.class);
        m.put("noise", NoiseProvider.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Discovers the engines of {@code home} and the plugins on the module path and in its plugins folder. */
    public static PluginCatalog discover(LatentHome home) {
        Map<String, Map<String, Entry>> bySection = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        SPIS.keySet().forEach(s -> bySection.put(s, new TreeMap<>()));
        for (EngineFolders.Found f : EngineFolders.discover(home.engines())) {
            add(bySection, conflicts, new Entry("engine", f.provider(), "engines/" + f.folder().getFileName()));
        }
        boolean modular = PluginCatalog.class.getModule().isNamed();
        ModuleLayer layer = modular ? PluginLayer.of(home.plugins()) : null;
        for (Map.Entry<String, Class<?>> spi : SPIS.entrySet()) {
            if (spi.getValue() == EngineProvider.class) {
                continue;
            }
            ServiceLoader<?> loader = modular ? ServiceLoader.load(layer, spi.getValue())
                    : ServiceLoader.load(spi.getValue(), PluginCatalog.class.getClassLoader());
            for (Object p : loader) {
                PluginProvider<?> provider = (PluginProvider<?>) p;
                add(bySection, conflicts, new Entry(spi.getKey(), provider, origin(provider)));
            }
        }
        return new PluginCatalog(bySection, conflicts);
    }

    private static void add(Map<String, Map<String, Entry>> bySection, List<String> conflicts, Entry e) {
        Entry previous = bySection.get(e.section()).putIfAbsent(e.name(), e);
        if (previous != null && previous.provider().getClass() != e.provider().getClass()) {
            conflicts.add("two " + e.section() + " providers are named '" + e.name() + "': "
                    + previous.origin() + " and " + e.origin() + "; the first is used");
        }
    }

    private static String origin(Object provider) {
        Module m = provider.getClass().getModule();
        if (m.isNamed()) {
            return m.getName();
        }
        var source = provider.getClass().getProtectionDomain().getCodeSource();
        return source == null ? "class path" : java.nio.file.Path.of(source.getLocation().getPath()).getFileName().toString();
    }

    /** The providers of one section, by name, sorted. */
    public Map<String, Entry> section(String section) {
        return bySection.getOrDefault(section, Map.of());
    }

    /** The provider named {@code name} in {@code section}, or null. */
    public Entry find(String section, String name) {
        return section(section).get(name);
    }

    /** Every provider, section by section. */
    public List<Entry> all() {
        List<Entry> all = new ArrayList<>();
        bySection.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** Providers that share a name with an earlier one (reported as warnings). */
    public List<String> conflicts() {
        return conflicts;
    }
}
