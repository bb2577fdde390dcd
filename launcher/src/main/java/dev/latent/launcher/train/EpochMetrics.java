package dev.latent.launcher.train;

import dev.latent.api.model.LossReport;
import dev.latent.launcher.config.EarlyStoppingConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one epoch measured, as a line of {@code metrics.jsonl} and as the line printed.
 *
 * @param epoch      1-based
 * @param train      the training loss averaged over the epoch's steps (in training mode)
 * @param validation the loss on the validation split after the epoch, when there is one
 * @param test       the loss on the test split after the epoch (reported, never used to choose)
 * @param seconds    the time the epoch's training steps took
 * @param samples    the samples trained on
 * @param denoising  for a run with noise: the test loss of reconstructing the clean test split
 *                   from its fixed noisy copy, and that copy's own MSE (the baseline)
 */
record EpochMetrics(int epoch, LossReport train, Optional<LossReport> validation, LossReport test, double seconds,
                    int samples, Optional<Denoising> denoising) {

    /** The denoising measures of one epoch. */
    record Denoising(LossReport loss, double noisyInputMse) {
    }

    /**
     * The metrics line: epoch, train_loss, validation_loss (with a validation split), test_loss,
     * the terms of each, seconds, samples_per_second.
     */
    Map<String, Object> json() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", epoch);
        line.put("train_loss", train.total());
        validation.ifPresent(v -> line.put("validation_loss", v.total()));
        line.put("test_loss", test.total());
        line.put("train_terms", train.terms());
        validation.ifPresent(v -> line.put("validation_terms", v.terms()));
        line.put("test_terms", test.terms());
        denoising.ifPresent(d -> {
            line.put("test_denoising_loss", d.loss().total());
            line.put("test_denoising_terms", d.loss().terms());
            line.put("test_noisy_input_mse", d.noisyInputMse());
        });
        line.put("seconds", seconds);
        line.put("samples_per_second", samples / seconds);
        return line;
    }

    /** {@code epoch 3/10  train loss 0.07181  [validation loss 0.07012  ]test loss 0.07105  2.1 s  952 samples/s}. */
    String line(int epochs) {
        String validated = validation.map(v -> String.format(Locale.ROOT, "  validation loss %.5f", v.total())).orElse("");
        String denoised = denoising.map(d -> String.format(Locale.ROOT, "  noisy-to-clean %.5f (noisy input %.5f)",
                d.loss().total(), d.noisyInputMse())).orElse("");
        return String.format(Locale.ROOT, "epoch %d/%d  train loss %.5f%s  test loss %.5f%s  %.1f s  %.0f samples/s",
                epoch, epochs, train.total(), validated, test.total(), denoised, seconds, samples / seconds);
    }

    /** The value early stopping watches: {@code validation_loss} or {@code train_loss}. */
    double monitored(String monitor) {
        return switch (monitor) {
            case EarlyStoppingConfig.TRAIN_LOSS -> train.total();
            case EarlyStoppingConfig.VALIDATION_LOSS -> validation.orElseThrow(() -> new IllegalStateException(
                    "validation_loss is monitored but there is no validation split")).total();
            default -> throw new IllegalArgumentException("unknown monitor '" + monitor + "'");
        };
    }
}
