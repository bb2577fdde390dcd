package dev.latent.launcher.cli;

import dev.latent.launcher.UserError;
import dev.latent.launcher.checkpoint.SavedTensors;
import dev.latent.launcher.output.RunFolder;
import dev.latent.launcher.run.TrainedRun;
import dev.latent.launcher.transfer.TransferLearning;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latent transfer RUN}: classifiers trained on a run's frozen codes, their accuracies. */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Freezes a trained run's encoder and trains a classifier head (Linear 128, ReLU, Linear) and a"
                + " linear probe on its codes of the labelled data; prints train, validation and test accuracy and"
                + " writes RUN/transfer.json.")
final class TransferCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "the run folder (runs/<run>)")
    Path run;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "training epochs of each classifier (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "seed of the classifiers' initialisation and shuffles (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--raw", description = "also train the same classifiers on the raw pixels, for comparison")
    boolean raw;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.001", description = "Adam's; default: ${DEFAULT-VALUE}")
    double learningRate;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new UserError("--epochs must be >= 1, found " + epochs);
        }
        if (batchSize < 1) {
            throw new UserError("--batch-size must be >= 1, found " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new UserError("--learning-rate must be > 0, found " + learningRate);
        }
        RunFolder folder = RunFolder.open(run);
        SavedTensors checkpoint = TrainedRun.checkpoint(folder, w -> System.err.println("warning: " + w));
        Session session = runOptions.session(folder);
        try (TrainedRun trained = session.open(folder, checkpoint)) {
            TransferLearning.run(trained, session.catalog, session.home.profiles(),
                    new TransferLearning.Settings(epochs, seed, raw, batchSize, learningRate), System.out);
        }
        return 0;
    }
}
