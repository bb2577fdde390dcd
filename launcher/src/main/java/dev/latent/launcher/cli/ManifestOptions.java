package dev.latent.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that change a manifest from the command line: {@code --set KEY=VALUE} and {@code --engine NAME}. */
final class ManifestOptions {

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "set a manifest key after extends, the value parsed as YAML: --set training.epochs=3,"
                    + " --set model.hidden=[256,64], --set optimizer.name=sgd (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--engine", paramLabel = "NAME", description = "use this engine instead of the manifest's choice")
    String engine;
}
