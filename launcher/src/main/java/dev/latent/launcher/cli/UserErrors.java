package dev.latent.launcher.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import dev.latent.api.config.ConfigException;
import dev.latent.api.data.DataException;
import dev.latent.launcher.UserError;
import dev.latent.launcher.config.ManifestException;
import dev.latent.launcher.train.Divergence;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns exceptions into what a user reads: a user error (a bad manifest, data file or setting,
 * an engine that cannot start, a run folder that cannot be written, a damaged checkpoint, running
 * out of memory with the settings to change) prints its message and exits with 2; a run stopped because training diverged ({@link Divergence})
 * prints its message and exits with 3; anything else is a bug,
 * printed with a hint to rerun with {@code --debug}, exit 1. {@code --debug} adds stack traces.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable e = unwrap(ex);
        boolean debug = parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--debug");
        var err = cl.getErr();
        java.util.Optional<String> memory = OutOfMemory.message(e);
        boolean user = e instanceof ManifestException || e instanceof DataException || e instanceof ConfigException
                || e instanceof UncheckedIOException || e instanceof UserError || memory.isPresent();
        err.println("error: " + memory.orElse(e.getMessage()));
        if (debug) {
            e.printStackTrace(err);
        } else if (!user) {
            err.println("(an internal error: rerun with --debug for the stack trace, and please report it)");
        }
        err.flush();
        if (e instanceof Divergence) {
            return Divergence.EXIT_STATUS;
        }
        return user ? 2 : 1;
    }

    static Throwable unwrap(Throwable e) {
        while (true) {
            if (e instanceof ProvisionException p && p.getCause() != null) {
                e = p.getCause();
            } else if (e instanceof CreationException c && c.getCause() != null) {
                e = c.getCause();
            } else {
                return e;
            }
        }
    }
}
