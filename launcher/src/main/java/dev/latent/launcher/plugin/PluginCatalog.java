package dev.latent.launcher.plugin;

import dev.latent.api.config.ConfigProblem;
import dev.latent.api.data.DatasetProvider;
import dev.latent.api.engine.EngineProvider;
import dev.latent.api.model.LossProvider;
import dev.latent.api.model.ModelProvider;
import dev.latent.api.noise.NoiseProvider;
import dev.latent.api.run.RunListenerProvider;
import dev.latent.api.optim.OptimizerProvider;
import dev.latent.api.plugin.PluginProvider;
import dev.latent.launcher.config.ProblemId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every provider found, by SPI and name: the engines of the home's {@code engines/}, the
 * built-in plugins (the module path, or the class path in unit tests), then the third-party
 * plugins of the plugin folders ({@link PluginLayer}). Providers are cheap by contract (no
 * native code, no I/O), so the catalog instantiates them to learn their names; the plugins
 * themselves (models, engines, ...) are created later, only for the names a manifest chooses.
 *
 * <p>Two providers of a section with one name clash: the first found (a built-in before a
 * plugin) is listed, the clash is reported as a warning, and a manifest that chooses that name
 * gets an error naming both. Broken plugin jars are warnings too, until a manifest asks for a
 * name that no loaded provider has.
 */
public final class PluginCatalog {

    /** The SPIs a manifest chooses from, keyed by their manifest section. */
    public static final Map<String, Class<?>> SPIS = spis();

    /** One provider with where it came from. */
    public record Entry(String section, PluginProvider<?> provider, PluginOrigin origin) {
        public String name() {
            return provider.name();
        }
    }

    private final Map<String, Map<String, Entry>> bySection;
    private final Map<String, String> clashes;
    private final List<ConfigProblem> warnings;
    private final PluginLayer.Loaded plugins;

    private PluginCatalog(Map<String, Map<String, Entry>> bySection, Map<String, String> clashes,
                          List<ConfigProblem> warnings, PluginLayer.Loaded plugins) {
        this.bySection = bySection;
        this.clashes = clashes;
        this.warnings = warnings;
        this.plugins = plugins;
    }

    private static Map<String, Class<?>> spis() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("engine", EngineProvider.class);
        m.put("dataset", DatasetProvider.class);
        m.put("model", ModelProvider.class);
        m.put("loss", LossProvider.class);
        m.put("optimizer", OptimizerProvider.class);
        m.put("noise", NoiseProvider.class);
        m.put("listener", RunListenerProvider.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Discovers the engines and built-ins of {@code home} and the plugins of its plugins folder. */
    public static PluginCatalog discover(LatentHome home) {
        return discover(home, List.of());
    }

    /** Also loads the plugins of {@code folders}, after the home's plugins folder. */
    public static PluginCatalog discover(LatentHome home, List<Path> folders) {
        return discover(home, folders, List.of());
    }

    /** Also adds {@code extra} entries after the built-ins (embedding, tests: a stand-in engine). */
    public static PluginCatalog discover(LatentHome home, List<Path> folders, List<Entry> extra) {
        PluginCatalog c = new PluginCatalog(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), null);
        SPIS.keySet().forEach(s -> c.bySection.put(s, new TreeMap<>()));
        for (EngineFolders.Found f : EngineFolders.discover(home.engines())) {
            c.add(new Entry("engine", f.provider(), PluginOrigin.of(f.provider(), f.folder(), true)));
        }
        boolean modular = PluginCatalog.class.getModule().isNamed();
        for (Map.Entry<String, Class<?>> spi : SPIS.entrySet()) {
            if (spi.getValue() != EngineProvider.class) {
                c.load(spi.getKey(), modular ? ServiceLoader.load(ModuleLayer.boot(), spi.getValue())
                        : ServiceLoader.load(spi.getValue(), PluginCatalog.class.getClassLoader()), null);
            }
        }
        extra.forEach(c::add);
        List<Path> all = new ArrayList<>();
        all.add(home.plugins());
        all.addAll(folders);
        PluginLayer.Loaded loaded = PluginLayer.load(all);
        loaded.broken().forEach(b -> c.warnings.add(new ConfigProblem(ProblemId.BROKEN_PLUGIN, "", b.toString())));
        if (loaded.layer() != ModuleLayer.boot()) {
            for (Map.Entry<String, Class<?>> spi : SPIS.entrySet()) {
                c.load(spi.getKey(), ServiceLoader.load(loaded.layer(), spi.getValue()), loaded.layer());
            }
        }
        return new PluginCatalog(c.bySection, c.clashes, c.warnings, loaded);
    }

    /** Adds the providers of one loader; with a {@code layer}, only those of its own modules (not its parents'). */
    private void load(String section, ServiceLoader<?> loader, ModuleLayer layer) {
        Iterator<? extends ServiceLoader.Provider<?>> it = loader.stream().iterator();
        for (int guard = 0; guard < 10_000; guard++) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                ServiceLoader.Provider<?> p = it.next();
                if (layer != null && p.type().getModule().getLayer() != layer) {
                    continue;
                }
                PluginProvider<?> provider = (PluginProvider<?>) p.get();
                add(new Entry(section, provider, PluginOrigin.of(provider, null, layer == null)));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                warnings.add(new ConfigProblem(ProblemId.BROKEN_PLUGIN, "", "a " + section + " provider cannot be created: "
                        + e.getMessage()));
            }
        }
    }

    private void add(Entry e) {
        Entry previous = bySection.get(e.section()).putIfAbsent(e.name(), e);
        if (previous != null && previous.provider().getClass() != e.provider().getClass()) {
            String both = previous.origin() + " and " + e.origin();
            clashes.putIfAbsent(e.section() + "/" + e.name(), both);
            warnings.add(new ConfigProblem(ProblemId.PLUGIN_CLASH, "", "two " + e.section() + " providers are named '"
                    + e.name() + "': " + both + "; "
                    + (previous.origin().builtin() && !e.origin().builtin() ? "the built-in" : "the first") + " is listed"));
        }
    }

    /** The providers of one section, by name, sorted. */
    public Map<String, Entry> section(String section) {
        return bySection.getOrDefault(section, Map.of());
    }

    /** The provider named {@code name} in {@code section}, or null. */
    public Entry find(String section, String name) {
        return section(section).get(name);
    }

    /** The providers that share {@code name} ({@code "A (a.jar) and B (b.jar)"}), or null when only one has it. */
    public String clash(String section, String name) {
        return clashes.get(section + "/" + name);
    }

    /** Every provider, section by section. */
    public List<Entry> all() {
        List<Entry> all = new ArrayList<>();
        bySection.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** What the launcher prints as warnings: broken plugin jars and providers that share a name. */
    public List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }

    /** The broken plugin jars, each as {@code <jar>: <fault>}. */
    public List<String> brokenJars() {
        return plugins == null ? List.of() : plugins.broken().stream().map(PluginLayer.BrokenJar::toString).toList();
    }

    /** The plugin folders searched, each with its number of jars (-1: it does not exist). */
    public Map<Path, Integer> pluginFolders() {
        return plugins == null ? Map.of() : plugins.folders();
    }
}
