package dev.latent.launcher.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.api.model.LossReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The metrics line and the printed line of an epoch, with and without a validation split. */
class EpochMetricsTest {

    private static final LossReport TRAIN = new LossReport(0.5, Map.of("mse", 0.5));
    private static final LossReport VALIDATION = new LossReport(0.25, Map.of("mse", 0.25));
    private static final LossReport TEST = new LossReport(0.125, Map.of("mse", 0.125));

    @Test
    void withAValidationSplit() {
        EpochMetrics m = new EpochMetrics(3, TRAIN, Optional.of(VALIDATION), TEST, 2, 1800, Optional.empty());
        assertEquals(List.of("epoch", "train_loss", "validation_loss", "test_loss", "train_terms", "validation_terms",
                "test_terms", "seconds", "samples_per_second"), List.copyOf(m.json().keySet()));
        assertEquals(0.25, m.json().get("validation_loss"));
        assertEquals(Map.of("mse", 0.25), m.json().get("validation_terms"));
        assertEquals(900.0, m.json().get("samples_per_second"));
        assertEquals("epoch 3/10  train loss 0.50000  validation loss 0.25000  test loss 0.12500  2.0 s  900 samples/s",
                m.line(10));
        assertEquals(0.25, m.monitored("validation_loss"));
        assertEquals(0.5, m.monitored("train_loss"));
    }

    @Test
    void withoutAValidationSplit() {
        EpochMetrics m = new EpochMetrics(1, TRAIN, Optional.empty(), TEST, 4, 2000, Optional.empty());
        assertEquals(List.of("epoch", "train_loss", "test_loss", "train_terms", "test_terms", "seconds",
                "samples_per_second"), List.copyOf(m.json().keySet()));
        assertEquals("epoch 1/3  train loss 0.50000  test loss 0.12500  4.0 s  500 samples/s", m.line(3));
        assertThrows(IllegalStateException.class, () -> m.monitored("validation_loss"));
    }

    @Test
    void aDenoisingRunReportsNoisyToCleanAndTheNoisyInputBaseline() {
        LossReport denoised = new LossReport(0.0625, Map.of("mse", 0.0625));
        EpochMetrics m = new EpochMetrics(2, TRAIN, Optional.empty(), TEST, 1, 100,
                Optional.of(new EpochMetrics.Denoising(denoised, 0.09)));
        assertEquals(List.of("epoch", "train_loss", "test_loss", "train_terms", "test_terms", "test_denoising_loss",
                "test_denoising_terms", "test_noisy_input_mse", "seconds", "samples_per_second"),
                List.copyOf(m.json().keySet()));
        assertEquals(0.0625, m.json().get("test_denoising_loss"));
        assertEquals(0.09, m.json().get("test_noisy_input_mse"));
        assertEquals("epoch 2/5  train loss 0.50000  test loss 0.12500  noisy-to-clean 0.06250 (noisy input 0.09000)"
                + "  1.0 s  100 samples/s", m.line(5));
    }
}
