package dev.latent.launcher.cli;

import dev.latent.launcher.eval.RunEvaluation;
import dev.latent.launcher.run.TrainedRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latent eval RUN}: a trained run's test reconstruction error beside PCA's with the same code size. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluates a trained run on the test split (reconstruction MSE per pixel, the loss and its"
                + " terms, noisy-to-clean for a denoising run) beside a PCA baseline with the model's code size;"
                + " writes RUN/eval.json.")
final class EvalCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "the run folder (runs/<run>)")
    Path run;

    @Option(names = "--no-pca", description = "skip the PCA baseline")
    boolean noPca;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        try (TrainedRun trained = runOptions.trainedRun(run)) {
            RunEvaluation.run(trained, !noPca, System.out);
        }
        return 0;
    }
}
