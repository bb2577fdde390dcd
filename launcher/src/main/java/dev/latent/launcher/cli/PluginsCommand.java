package dev.latent.launcher.cli;

import dev.latent.api.engine.EngineProvider;
import dev.latent.launcher.config.RecordBinder;
import dev.latent.launcher.plugin.PluginCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latent plugins}: every discovered provider with its SPI, name and module. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Lists every discovered plugin: its SPI, name, origin (module or engine folder) and what it is.")
final class PluginsCommand implements Callable<Integer> {

    @Option(names = "--settings", description = "also list each plugin's settings with their defaults")
    boolean settings;

    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;

    @Override
    public Integer call() {
        Session session = new Session();
        System.out.printf("%-10s %-10s %-22s %s%n", "SPI", "NAME", "ORIGIN", "DESCRIPTION");
        for (PluginCatalog.Entry e : session.catalog.all()) {
            String description = e.provider().description();
            if (e.provider() instanceof EngineProvider<?> engine) {
                description += " [" + engine.availability() + "]";
            }
            System.out.printf("%-10s %-10s %-22s %s%n", e.section(), e.name(), e.origin(), description);
            if (settings) {
                RecordBinder.describe(e.provider().configType()).forEach(line -> System.out.println("    " + line));
            }
        }
        return 0;
    }
}
