package dev.latent.launcher.cli;

import dev.latent.launcher.embed.Embedding;
import dev.latent.launcher.embed.Tsne;
import dev.latent.launcher.report.RunReport;
import dev.latent.launcher.run.TrainedRun;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latent embed RUN}: the codes of a trained run's test samples and their plots in
 * {@code RUN/embed/} ({@link Embedding}), then the run's report written again to show them.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Writes the codes of a trained run's test samples (NPY, CSV) and plots of its latent space"
                + " (2-D latent, or PCA and t-SNE; for a VAE interpolations and prior samples) into RUN/embed.")
final class EmbedCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "the run folder (runs/<date>-<model>)")
    Path runFolder;

    @Option(names = "--samples", paramLabel = "N", description = "embed the first N test samples (default: all)")
    Integer samples;

    @Option(names = "--perplexity", paramLabel = "P", defaultValue = "" + Tsne.DEFAULT_PERPLEXITY,
            description = "t-SNE's perplexity, the effective number of neighbours (default: ${DEFAULT-VALUE})")
    double perplexity;

    @Option(names = "--seed", paramLabel = "S",
            description = "the seed of t-SNE's start and of the prior samples (default: the run's seed)")
    Long seed;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        Path written;
        try (TrainedRun run = runOptions.trainedRun(runFolder)) {
            System.out.println("loaded " + run.folder().path() + " from " + run.checkpoint());
            written = Embedding.write(run, new Embedding.Settings(Optional.ofNullable(samples), perplexity,
                    Optional.ofNullable(seed)), System.out);
        }
        System.out.println("wrote " + written);
        System.out.println("wrote " + RunReport.write(runFolder));
        return 0;
    }
}
