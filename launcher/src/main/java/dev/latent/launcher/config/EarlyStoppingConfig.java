package dev.latent.launcher.config;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import java.util.List;

/**
 * The manifest's {@code training.earlyStopping} section: stop when a monitored loss has not
 * improved for {@code patience} epochs, and keep the parameters of the best epoch.
 *
 * <p>An epoch improves when its monitored value is lower than the best so far by more than
 * {@code minDelta}. Off by default ({@code patience: 0}).
 */
public record EarlyStoppingConfig(
        @Setting(value = "epochs without improvement before training stops; 0 = never stop early", defaultValue = "0")
        int patience,
        @Setting(value = "how much lower than the best so far a value must be to count as an improvement, >= 0",
                defaultValue = "0")
        double minDelta,
        @Setting(value = "the loss watched: validation_loss (needs training.validationFraction > 0) or train_loss",
                defaultValue = VALIDATION_LOSS)
        String monitor,
        @Setting(value = "at the end, put back the parameters of the best epoch", defaultValue = "true")
        boolean restoreBest) {

    /** The monitor value that watches the validation split's loss. */
    public static final String VALIDATION_LOSS = "validation_loss";
    /** The monitor value that watches the epoch's mean training loss. */
    public static final String TRAIN_LOSS = "train_loss";
    /** Early stopping switched off: the defaults. */
    public static final EarlyStoppingConfig OFF = new EarlyStoppingConfig(0, 0, VALIDATION_LOSS, true);

    public EarlyStoppingConfig {
        Checks.of()
                .atLeast("patience", patience, 0)
                .nonNegative("minDelta", minDelta)
                .oneOf("monitor", monitor, List.of(VALIDATION_LOSS, TRAIN_LOSS))
                .done();
    }

    /** Whether early stopping is on. */
    public boolean enabled() {
        return patience > 0;
    }
}
