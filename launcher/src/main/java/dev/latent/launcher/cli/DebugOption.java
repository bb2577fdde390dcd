package dev.latent.launcher.cli;

import picocli.CommandLine.Option;

/**
 * {@code --debug}, on every command: {@link UserErrors} looks for it in the parse result and then
 * prints stack traces with errors.
 */
final class DebugOption {

    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;
}
