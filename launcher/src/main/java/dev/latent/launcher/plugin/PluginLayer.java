package dev.latent.launcher.plugin;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Third-party plugins: named modules in jars dropped into {@code plugins/}, resolved into a
 * child {@link ModuleLayer} of the boot layer with {@code resolveAndBind}, one class loader for
 * all of them (Elasticsearch's PluginsLoader is the model). The host is not recompiled.
 */
public final class PluginLayer {

    private PluginLayer() {
    }

    /** The layer holding the plugins of {@code folder}, or the boot layer when there are none. */
    public static ModuleLayer of(Path folder) {
        ModuleLayer boot = ModuleLayer.boot();
        if (!Files.isDirectory(folder)) {
            return boot;
        }
        ModuleFinder finder = ModuleFinder.of(folder);
        if (finder.findAll().isEmpty()) {
            return boot;
        }
        Configuration config = boot.configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of());
        return boot.defineModulesWithOneLoader(config, ClassLoader.getSystemClassLoader());
    }
}
