package dev.latent.launcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code latent train | eval | transfer | embed | report | tune | plugins | bench | bench-psd | explain}. */
@Command(name = "latent", mixinStandardHelpOptions = true, version = "latent 0.1.0",
        description = "Trains autoencoders from a manifest on a pluggable engine.",
        subcommands = {TrainCommand.class, EvalCommand.class, TransferCommand.class, EmbedCommand.class, ReportCommand.class,
                TuneCommand.class, PluginsCommand.class, BenchCommand.class, PsdBenchCommand.class, ExplainCommand.class,
                CommandLine.HelpCommand.class})
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
