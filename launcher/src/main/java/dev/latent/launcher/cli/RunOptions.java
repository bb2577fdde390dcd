package dev.latent.launcher.cli;

import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.run.TrainedRun;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/**
 * The options of the commands that study a finished run ({@code eval}, {@code transfer},
 * {@code embed}, {@code bench-psd}): {@code --set} and {@code --engine} on its saved manifest,
 * plugin folders, and {@code --debug}.
 */
final class RunOptions {

    @Mixin
    ManifestOptions manifest;

    @Mixin
    PluginFolderOptions folders;

    @Mixin
    DebugOption debug;

    /** {@return the run in {@code folder} with its newest good checkpoint's parameters} ({@link Session#trainedRun}) */
    TrainedRun trainedRun(Path folder) throws IOException {
        return Session.trainedRun(folder, manifest, folders);
    }

    /** {@return the session of the run in {@code run}} ({@link Session#ofRun}) */
    Session session(RunFolder run) throws IOException {
        return Session.ofRun(run, manifest, folders);
    }
}
