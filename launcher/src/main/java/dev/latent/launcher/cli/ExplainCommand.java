package dev.latent.launcher.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code latent explain [MANIFEST]}: prints the fully resolved manifest and how it is wired
 * ({@link Explanation}), without creating the engine or the model.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Prints the resolved manifest (extends and --set applied, every default filled) and the wiring,"
                + " without training or loading native code.")
final class ExplainCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "MANIFEST",
            description = "the YAML manifest; default: the shipped profile profiles/default.yaml")
    Path manifestFile;

    @Mixin
    ManifestOptions options;

    @Mixin
    PluginFolderOptions folders;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        Session session = Session.manifest(manifestFile, "default.yaml", options, folders, List.of());
        Explanation.lines(session.tree, session.manifest, session.catalog).forEach(System.out::println);
        return 0;
    }
}
