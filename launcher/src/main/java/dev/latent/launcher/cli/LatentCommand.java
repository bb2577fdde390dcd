package dev.latent.launcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code latent train | embed | report | plugins | bench | explain}. */
@Command(name = "latent", mixinStandardHelpOptions = true, version = "latent 0.1.0",
        description = "Trains autoencoders from a manifest on a pluggable engine.",
        subcommands = {TrainCommand.class, EmbedCommand.class, ReportCommand.class, PluginsCommand.class, BenchCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class})
public final class LatentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, with user errors printed as messages, not stack traces. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LatentCommand());
        cl.setExecutionExceptionHandler(new UserErrors());
        return cl;
    }
}
