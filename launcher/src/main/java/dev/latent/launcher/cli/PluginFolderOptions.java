package dev.latent.launcher.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --plugins DIR} option (repeatable) of the commands that load plugins. */
final class PluginFolderOptions {

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "also load the plugin jars of DIR, besides <home>/plugins and the manifest's plugins list (repeatable)")
    List<Path> folders = new ArrayList<>();

    /** The folders given, absolute against the current folder. */
    List<Path> absolute() {
        return folders.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }
}
