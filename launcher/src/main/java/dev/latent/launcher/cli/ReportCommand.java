package dev.latent.launcher.cli;

import dev.latent.launcher.report.RunReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code latent report RUN}: writes the run's self-contained {@code report.html} ({@link RunReport}). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes RUN/report.html: one self-contained page with the run's loss curves, pictures,"
                + " latent-space plots, evaluation, manifest and environment.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "the run folder (runs/<date>-<model>)")
    Path runFolder;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        System.out.println("wrote " + RunReport.write(runFolder));
        return 0;
    }
}
