package dev.latent.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.config.ConfigException;
import dev.latent.api.config.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The checks of the {@code training} section and its {@code earlyStopping} section, with the
 * exact wording a user reads (paths relative to the section; the loader prefixes them).
 */
class TrainingConfigTest {

    private static final EarlyStoppingConfig OFF = EarlyStoppingConfig.OFF;

    private static List<String> problems(Executable construct) {
        ConfigException e = assertThrows(ConfigException.class, construct);
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static TrainingConfig training(double validationFraction, EarlyStoppingConfig earlyStopping) {
        return new TrainingConfig(5, 128, 500, true, 16, validationFraction, earlyStopping);
    }

    @Test
    void validationFractionMustBeInTheHalfOpenUnitInterval() {
        assertEquals(List.of("validationFraction must be in [0, 1), found 1.5"), problems(() -> training(1.5, OFF)));
        assertEquals(List.of("validationFraction must be in [0, 1), found 1"), problems(() -> training(1, OFF)));
        assertEquals(List.of("validationFraction must be in [0, 1), found -0.1"), problems(() -> training(-0.1, OFF)));
        assertEquals(List.of("validationFraction must be in [0, 1), found NaN"),
                problems(() -> training(Double.NaN, OFF)));
        assertEquals(0.0, training(0, OFF).validationFraction());
        assertEquals(0.999, training(0.999, OFF).validationFraction());
    }

    @Test
    void earlyStoppingSettingsAreChecked() {
        assertEquals(List.of("patience must be >= 0, found -1"),
                problems(() -> new EarlyStoppingConfig(-1, 0, "validation_loss", true)));
        assertEquals(List.of("minDelta must be >= 0, found -0.5"),
                problems(() -> new EarlyStoppingConfig(1, -0.5, "train_loss", true)));
        assertEquals(List.of("monitor must be one of validation_loss, train_loss, found 'foo'"),
                problems(() -> new EarlyStoppingConfig(1, 0, "foo", true)));
        assertEquals(List.of("patience must be >= 0, found -1", "minDelta must be >= 0, found -1",
                        "monitor must be one of validation_loss, train_loss, found 'test_loss'"),
                problems(() -> new EarlyStoppingConfig(-1, -1, "test_loss", false)));
    }

    @Test
    void monitoringTheValidationLossNeedsAValidationSplit() {
        EarlyStoppingConfig onValidation = new EarlyStoppingConfig(3, 0, "validation_loss", true);
        assertEquals(List.of("earlyStopping.monitor is 'validation_loss', but there is no validation split:"
                + " set validationFraction > 0, or monitor train_loss"), problems(() -> training(0, onValidation)));
        assertEquals(0.2, training(0.2, onValidation).validationFraction());
        // off (patience 0) or on the training loss, no validation split is needed
        assertFalse(training(0, new EarlyStoppingConfig(0, 0, "validation_loss", true)).earlyStopping().enabled());
        assertTrue(training(0, new EarlyStoppingConfig(2, 0, "train_loss", true)).earlyStopping().enabled());
        // a fraction out of range is reported once, not also as a missing validation split
        assertEquals(List.of("validationFraction must be in [0, 1), found -0.5"),
                problems(() -> training(-0.5, onValidation)));
    }

    @Test
    void everyProblemOfTheSectionIsReportedAtOnce() {
        assertEquals(List.of("epochs must be >= 1, found 0", "batchSize must be >= 1, found 0",
                        "validationFraction must be in [0, 1), found 2"),
                problems(() -> new TrainingConfig(0, 0, 500, true, 16, 2, OFF)));
    }

    @Test
    void withEpochsKeepsEverythingElse() {
        TrainingConfig t = new TrainingConfig(5, 64, 100, false, 4, 0.1, new EarlyStoppingConfig(2, 0.01, "validation_loss", false));
        assertEquals(new TrainingConfig(9, 64, 100, false, 4, 0.1, t.earlyStopping()), t.withEpochs(9));
        assertEquals(List.of("epochs must be >= 1, found 0"), problems(() -> t.withEpochs(0)));
    }

    @Test
    void totalStepsCountsTheBatchesOfTheSamplesTrainedOn() {
        TrainingConfig t = new TrainingConfig(3, 128, 500, true, 16, 0.1, OFF);
        assertEquals(3L * 15, t.totalSteps(1800), "1800 samples in batches of 128: 14 full and one partial");
        assertEquals(3L * 16, t.totalSteps(2000));
    }

    private static TrainingConfig snapshots(Long... counts) {
        return new TrainingConfig(5, 128, 500, true, 16, 0, OFF, 0, 2, TrainingConfig.STOP, List.of(counts), 0);
    }

    @Test
    void filterSnapshotsAreNonNegativeAndIncreasing() {
        assertEquals(List.of(), training(0, OFF).filterSnapshots(), "none by default");
        assertEquals(List.of(0L, 40_000L, 80_000L), snapshots(0L, 40_000L, 80_000L).filterSnapshots());
        assertEquals(List.of("filterSnapshots[0] must be >= 0, found -1",
                        "filterSnapshots[2] must be greater than the count before it (5), found 5; list the counts in"
                                + " increasing order, each once",
                        "filterSnapshots[3] must be greater than the count before it (5), found 3; list the counts in"
                                + " increasing order, each once"),
                problems(() -> snapshots(-1L, 5L, 5L, 3L)));
    }

    private static TrainingConfig samples(long samples) {
        return new TrainingConfig(5, 4, 500, true, 16, 0, OFF, 0, 2, TrainingConfig.STOP, List.of(), samples);
    }

    @Test
    void aLengthInSamplesOverridesTheEpochsAndCutsTheLastShort() {
        // 10 training samples in batches of 4: 3 batches an epoch (4, 4, 2)
        assertEquals(5, samples(0).epochsFor(10));
        assertEquals(15, samples(0).totalSteps(10));
        TrainingConfig t = samples(25);            // 2 epochs, then 5 samples: 2 batches, ending at 28
        assertEquals(3, t.epochsFor(10));
        assertEquals(List.of(3, 3, 2), List.of(t.batchesIn(1, 10), t.batchesIn(2, 10), t.batchesIn(3, 10)));
        assertEquals(8, t.totalSteps(10));
        assertEquals(2, samples(20).epochsFor(10));
        assertEquals(3, samples(20).batchesIn(2, 10), "a whole last epoch");
        assertEquals(6, samples(20).totalSteps(10));
        assertEquals(1, samples(3).totalSteps(10));
        assertEquals(20_000, samples(80_000).epochsFor(4), "80,000 samples of a 4-sample split");
        assertEquals(List.of("samples must be >= 0, found -1"), problems(() -> samples(-1)));
        assertEquals(0, samples(25).withEpochs(2).samples(), "--epochs sets the length in epochs");
    }
}
