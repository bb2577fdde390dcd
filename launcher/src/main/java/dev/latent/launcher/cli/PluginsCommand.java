package dev.latent.launcher.cli;

import dev.latent.api.engine.EngineProvider;
import dev.latent.launcher.config.RecordBinder;
import dev.latent.launcher.plugin.PluginCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code latent plugins}: every discovered provider with its SPI, name, module, version and jar
 * (or engine folder), what it is and, for engines, whether it can run here. Broken plugin jars
 * and name clashes are printed as warnings first.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Lists every discovered plugin: SPI, name, module, version, jar or engine folder, and what it is.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    PluginFolderOptions folders;

    @Option(names = "--settings", description = "also list each plugin's settings with their defaults")
    boolean settings;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        Session session = Session.plugins(folders);
        PluginTable table = new PluginTable("DESCRIPTION");
        session.catalog.all().forEach(e -> table.add(e, description(e)));
        java.util.List<String> lines = table.lines("");
        System.out.println(lines.get(0));
        java.util.List<PluginCatalog.Entry> all = session.catalog.all();
        for (int i = 0; i < all.size(); i++) {
            System.out.println(lines.get(i + 1));
            if (settings) {
                RecordBinder.describe(all.get(i).provider().configType()).forEach(line -> System.out.println("    " + line));
            }
        }
        return 0;
    }

    private static String description(PluginCatalog.Entry e) {
        String description = e.provider().description();
        if (e.provider() instanceof EngineProvider<?> engine) {
            description += " [" + engine.availability() + "]";
        }
        return description;
    }
}
