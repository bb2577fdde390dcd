package dev.latent.launcher;

import dev.latent.launcher.cli.OutOfMemory;
import dev.latent.launcher.cli.LatentCommand;
import picocli.CommandLine;

/** The {@code latent} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the CLI and returns its exit code: 0 success, 2 a user error, 3 training diverged
     * (a NaN or infinite loss or gradient), 1 an internal error.
     */
    public static int run(String... args) {
        try {
            return LatentCommand.commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // an Error passes picocli's exception handler by; the message says what to change
            System.err.println("error: " + OutOfMemory.message(e).orElseThrow());
            return 2;
        }
    }
}
