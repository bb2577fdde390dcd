package dev.latent.launcher.config;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import java.util.List;

/**
 * The manifest's {@code training} section: how long and in what batches to train, the
 * validation split and early stopping.
 *
 * <p>The validation split is taken from the training split (never from the test split, which
 * is never used to choose anything): {@code round(validationFraction * n)} of its n samples,
 * drawn with the manifest's seed; the rest is what training runs on.
 *
 * <p>Checkpoints ({@code <run>/checkpoints/step-<step>.safetensors}, see docs/checkpoints.md)
 * are written every {@code checkpointEvery} steps, or at the end of every epoch when it is 0, and
 * at the end of the run; the newest {@code keepCheckpoints} are kept. {@code divergence} says
 * what a step whose loss or gradient is not finite does: {@code stop} the run (exit status 3,
 * the last good checkpoint kept), {@code skip-batch} (no update from that batch) or
 * {@code halve-lr} (no update, and every later update halved).
 *
 * <p>{@code samples}, when above 0, sets the run's length in training samples instead of epochs
 * (the predictive sparse decomposition experiments are described so: 80,000 samples): the run
 * trains {@code ceil(samples / n)} epochs over its n training samples and ends at the first
 * batch boundary at or after {@code samples}, its last epoch cut short there (and evaluated
 * there, as every epoch is at its end). {@code epochs} is then ignored.
 *
 * <p>{@code filterSnapshots} lists training-sample counts (pretraining not counted) at which a
 * model with filters ({@link dev.latent.api.model.Filters}) has them drawn into
 * {@code <run>/filters/<name>-<samples>.png}, each at the first batch boundary at or after its
 * count (0: before the first update); {@code <run>/filters/<name>.png} is drawn at the end.
 */
public record TrainingConfig(
        @Setting(value = "passes over the training split", defaultValue = "5") int epochs,
        @Setting(value = "samples per training step", defaultValue = "128") int batchSize,
        @Setting(value = "samples per evaluation batch", defaultValue = "500") int evalBatchSize,
        @Setting(value = "reshuffle the training split each epoch (seeded)", defaultValue = "true") boolean shuffle,
        @Setting(value = "test images shown with their reconstructions in reconstructions.png", defaultValue = "16")
        int pictures,
        @Setting(value = "the share of the training split set aside (seeded) for validation, in [0, 1); 0 = none",
                defaultValue = "0")
        double validationFraction,
        @Setting(value = "stop when the monitored loss stops improving", defaultValue = "{}")
        EarlyStoppingConfig earlyStopping,
        @Setting(value = "training steps between checkpoints; 0 = at the end of every epoch", defaultValue = "0")
        int checkpointEvery,
        @Setting(value = "the newest checkpoints kept in <run>/checkpoints; 0 = write none (no --resume)",
                defaultValue = "2")
        int keepCheckpoints,
        @Setting(value = "when a loss or gradient is NaN or infinite: stop (exit 3), skip-batch (no update from"
                + " that batch) or halve-lr (no update, and every later update halved)", defaultValue = STOP)
        String divergence,
        @Setting(value = "training-sample counts at which a model's filters are drawn into"
                + " <run>/filters/<name>-<samples>.png, increasing, >= 0", defaultValue = "[]")
        List<Long> filterSnapshots,
        @Setting(value = "the run's length in training samples, ending at the first batch boundary at or after it;"
                + " overrides epochs; 0 = train for epochs", defaultValue = "0")
        long samples) {

    /** {@code divergence}: stop the run, keeping the last good checkpoint. */
    public static final String STOP = "stop";
    /** {@code divergence}: leave the batch out (no update) and go on. */
    public static final String SKIP_BATCH = "skip-batch";
    /** {@code divergence}: leave the batch out and halve every later update (the learning rate, in effect). */
    public static final String HALVE_LR = "halve-lr";
    /** The {@code divergence} policies. */
    public static final List<String> DIVERGENCE_POLICIES = List.of(STOP, SKIP_BATCH, HALVE_LR);

    public TrainingConfig {
        if (earlyStopping == null) {
            throw new IllegalArgumentException("earlyStopping must not be null; use EarlyStoppingConfig.OFF");
        }
        filterSnapshots = filterSnapshots == null ? List.of() : List.copyOf(filterSnapshots);
        boolean needsValidation = earlyStopping.enabled()
                && earlyStopping.monitor().equals(EarlyStoppingConfig.VALIDATION_LOSS);
        Checks checks = Checks.of()
                .atLeast("epochs", epochs, 1)
                .atLeast("batchSize", batchSize, 1)
                .atLeast("evalBatchSize", evalBatchSize, 1)
                .atLeast("pictures", pictures, 0)
                .inHalfOpenUnit("validationFraction", validationFraction)
                .atLeast("checkpointEvery", checkpointEvery, 0)
                .atLeast("keepCheckpoints", keepCheckpoints, 0)
                .oneOf("divergence", divergence, DIVERGENCE_POLICIES)
                .atLeast("samples", samples, 0)
                // a negative fraction is reported by the range check above, not twice
                .that(!needsValidation || validationFraction != 0, "earlyStopping.monitor",
                        "is 'validation_loss', but there is no validation split: set validationFraction > 0,"
                                + " or monitor train_loss");
        for (int i = 0; i < filterSnapshots.size(); i++) {
            long at = filterSnapshots.get(i);
            checks.atLeast("filterSnapshots[" + i + "]", at, 0)
                    .that(i == 0 || at > filterSnapshots.get(i - 1), "filterSnapshots[" + i + "]",
                            "must be greater than the count before it (" + filterSnapshots.get(Math.max(0, i - 1))
                                    + "), found " + at + "; list the counts in increasing order, each once");
        }
        checks.done();
    }

    /** The section with the checkpoint and divergence settings at their defaults. */
    public TrainingConfig(int epochs, int batchSize, int evalBatchSize, boolean shuffle, int pictures,
                          double validationFraction, EarlyStoppingConfig earlyStopping) {
        this(epochs, batchSize, evalBatchSize, shuffle, pictures, validationFraction, earlyStopping, 0, 2, STOP, List.of(),
                0);
    }

    /** The same section with another number of epochs, and its length in epochs ({@code samples} 0). */
    public TrainingConfig withEpochs(int epochs) {
        return new TrainingConfig(epochs, batchSize, evalBatchSize, shuffle, pictures, validationFraction, earlyStopping,
                checkpointEvery, keepCheckpoints, divergence, filterSnapshots, 0);
    }

    /**
     * The epochs a run over {@code trainCount} samples trains: {@code epochs}, or with
     * {@code samples} set, the passes that reach it, the last maybe cut short.
     */
    public int epochsFor(int trainCount) {
        return samples == 0 ? epochs : Math.toIntExact((samples + trainCount - 1) / trainCount);
    }

    /** The batches epoch {@code epoch} (1-based, at most {@link #epochsFor}) trains over {@code trainCount} samples. */
    public int batchesIn(int epoch, int trainCount) {
        int full = (trainCount + batchSize - 1) / batchSize;
        int last = epochsFor(trainCount);
        if (samples == 0 || epoch < last) {
            return full;
        }
        long rest = samples - (long) (last - 1) * trainCount;     // in [1, trainCount]
        return (int) ((rest + batchSize - 1) / batchSize);
    }

    /**
     * The number of optimizer updates a run over {@code trainCount} samples makes; pass the
     * number trained on, after the validation split is set aside. Early stopping may end a run
     * sooner.
     */
    public long totalSteps(int trainCount) {
        int last = epochsFor(trainCount);
        return (long) (last - 1) * batchesIn(1, trainCount) + batchesIn(last, trainCount);
    }
}
