package dev.latent.launcher.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.launcher.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurveTest {

    @TempDir
    Path run;

    @Test
    void readsOnePointPerEpochAtEpochTimesTheTrainingSamplesSkippingPretrainingStages() throws IOException {
        Files.writeString(run.resolve("metrics.jsonl"), """
                {"stage":"block.0","epoch":1,"train_loss":9.0,"test_loss":9.0}
                {"epoch":1,"train_loss":20.0,"test_loss":19.0}
                {"epoch":2,"train_loss":18.0,"test_loss":16.0}
                {"epoch":3,"train_loss":15.0,"test_loss":12.0}
                """);
        LossCurve curve = LossCurve.read(run, 10000);
        assertArrayEquals(new long[] {10000, 20000, 30000}, curve.samples());
        assertArrayEquals(new double[] {19, 16, 12}, curve.loss());
        assertEquals(12, curve.last());
    }

    @Test
    void samplesToReachInterpolatesBetweenTheTwoPointsAroundTheCrossing() {
        LossCurve curve = new LossCurve(new long[] {10000, 20000, 30000}, new double[] {19, 16, 12});
        assertEquals(25000, curve.samplesToReach(14), 1e-9);
        assertEquals(20000, curve.samplesToReach(16), 1e-9);
        assertEquals(10000, curve.samplesToReach(25), 1e-9);
        assertEquals(-1, curve.samplesToReach(11.9));
    }

    @Test
    void aRunWithoutTestLossesIsAnErrorNamingItsMetricsFile() throws IOException {
        Files.writeString(run.resolve("metrics.jsonl"), "{\"epoch\":1,\"train_loss\":20.0}\n");
        UserError e = assertThrows(UserError.class, () -> LossCurve.read(run, 100));
        assertEquals(run.resolve("metrics.jsonl") + " has no epoch with a test_loss", e.getMessage());
    }
}
