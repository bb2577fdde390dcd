package dev.latent.launcher.plugin;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Third-party plugins: the jars of every plugin folder, resolved together into ONE child
 * {@link ModuleLayer} of the boot layer ({@code resolveAndBind} over a {@link ModuleFinder} of
 * the jars, {@code defineModulesWithOneLoader}), as Elasticsearch's PluginsLoader does. The
 * host is not recompiled.
 *
 * <p>A bad jar does not take the others down. Jars that cannot be read or hold a module the
 * launcher or an earlier jar already has are set aside first; if the rest do not resolve
 * together, each is resolved alone (a missing {@code requires}), then they are added one by
 * one (a package split between two jars), and each jar that fails is reported with its fault.
 * Defining a layer loads no plugin class.
 */
public final class PluginLayer {

    /** A jar that could not be loaded, and why: {@code bad.jar: Module x not found, required by y}. */
    public record BrokenJar(Path jar, String fault) {
        @Override
        public String toString() {
            return jar.getFileName() + ": " + fault;
        }
    }

    /**
     * The result of loading the plugin folders.
     *
     * @param layer   the plugins' layer (the boot layer when there are none)
     * @param jars    the jar each plugin module came from, by module name
     * @param broken  the jars that could not be loaded
     * @param folders each folder searched with its number of jars, -1 when it does not exist
     */
    public record Loaded(ModuleLayer layer, Map<String, Path> jars, List<BrokenJar> broken, Map<Path, Integer> folders) {
    }

    private PluginLayer() {
    }

    /** The plugins of one folder (kept for callers of the first version). */
    public static ModuleLayer of(Path folder) {
        return load(List.of(folder)).layer();
    }

    /** Loads every jar of every folder (a folder that does not exist is skipped). */
    public static Loaded load(List<Path> folders) {
        Map<Path, Integer> searched = new LinkedHashMap<>();
        List<Path> jars = new ArrayList<>();
        for (Path folder : folders) {
            Path f = folder.toAbsolutePath().normalize();
            if (searched.containsKey(f)) {
                continue;
            }
            List<Path> found = jarsIn(f);
            searched.put(f, found == null ? -1 : found.size());
            if (found != null) {
                jars.addAll(found);
            }
        }
        List<BrokenJar> broken = new ArrayList<>();
        Map<String, Path> found = modules(jars, broken);
        ModuleLayer boot = ModuleLayer.boot();
        if (found.isEmpty()) {
            return new Loaded(boot, Map.of(), broken, searched);
        }
        try {
            return new Loaded(define(found.keySet(), found), Map.copyOf(found), broken, searched);
        } catch (RuntimeException together) {
            return isolate(found, broken, searched);
        }
    }

    /** The jars do not load together: sets aside each jar at fault, with its fault, and loads the rest. */
    private static Loaded isolate(Map<String, Path> found, List<BrokenJar> broken, Map<Path, Integer> searched) {
        Map<String, Path> alone = new LinkedHashMap<>();
        found.forEach((name, jar) -> {
            String fault = fault(Set.of(name), found);
            if (fault == null) {
                alone.put(name, jar);
            } else {
                broken.add(new BrokenJar(jar, fault));
            }
        });
        Map<String, Path> accepted = new LinkedHashMap<>();
        alone.forEach((name, jar) -> {
            Set<String> roots = new java.util.LinkedHashSet<>(accepted.keySet());
            roots.add(name);
            String fault = fault(roots, alone);
            if (fault == null) {
                accepted.put(name, jar);
            } else {
                broken.add(new BrokenJar(jar, fault));
            }
        });
        ModuleLayer layer = accepted.isEmpty() ? ModuleLayer.boot() : define(accepted.keySet(), accepted);
        return new Loaded(layer, Map.copyOf(accepted), broken, searched);
    }

    /** The module of each readable jar by name; unreadable jars and duplicate modules go to {@code broken}. */
    private static Map<String, Path> modules(List<Path> jars, List<BrokenJar> broken) {
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path jar : jars) {
            try {
                Set<ModuleReference> refs = ModuleFinder.of(jar).findAll();
                if (refs.isEmpty()) {
                    broken.add(new BrokenJar(jar, "holds no module"));
                    continue;
                }
                String name = refs.iterator().next().descriptor().name();
                if (ModuleLayer.boot().findModule(name).isPresent()) {
                    broken.add(new BrokenJar(jar, "holds module " + name + ", which the launcher already has"));
                } else if (byName.containsKey(name)) {
                    broken.add(new BrokenJar(jar, "holds module " + name + ", as " + byName.get(name).getFileName()
                            + " does (duplicate module)"));
                } else {
                    byName.put(name, jar);
                }
            } catch (FindException e) {
                broken.add(new BrokenJar(jar, describe(e)));
            }
        }
        return byName;
    }

    private static ModuleLayer define(Set<String> roots, Map<String, Path> modules) {
        ModuleLayer boot = ModuleLayer.boot();
        ModuleFinder finder = ModuleFinder.of(modules.values().toArray(Path[]::new));
        Configuration config = boot.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
        return boot.defineModulesWithOneLoader(config, ClassLoader.getSystemClassLoader());
    }

    /** Why {@code roots} (with what they require from {@code modules}) cannot be defined, or null. */
    private static String fault(Set<String> roots, Map<String, Path> modules) {
        try {
            ModuleLayer boot = ModuleLayer.boot();
            ModuleFinder finder = ModuleFinder.of(modules.values().toArray(Path[]::new));
            Configuration config = boot.configuration().resolve(finder, ModuleFinder.of(), roots);
            boot.defineModulesWithOneLoader(config, ClassLoader.getSystemClassLoader());
            return null;
        } catch (FindException | ResolutionException | LayerInstantiationException | SecurityException e) {
            return describe(e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null ? message : message + ": " + cause.getMessage();
    }

    private static List<Path> jarsIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
