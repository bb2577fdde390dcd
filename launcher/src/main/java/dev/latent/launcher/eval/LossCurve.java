package dev.latent.launcher.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latent.launcher.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's test loss against the training samples seen, read from its {@code metrics.jsonl}: one
 * point per epoch, at {@code epoch * trainCount} samples (pretraining stages left out).
 *
 * @param samples the training samples seen at each point, increasing
 * @param loss    the test loss there
 */
public record LossCurve(long[] samples, double[] loss) {

    /** Checks that the arrays match. */
    public LossCurve {
        if (samples.length != loss.length || samples.length == 0) {
            throw new IllegalArgumentException("need as many sample counts as losses, at least one; found "
                    + samples.length + " and " + loss.length);
        }
    }

    /** The curve of the run in {@code run}, which trains on {@code trainCount} samples per epoch. */
    public static LossCurve read(Path run, int trainCount) {
        Path file = run.resolve("metrics.jsonl");
        List<long[]> at = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        try {
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(file)) {
                JsonNode m = line.isBlank() ? null : json.readTree(line);
                if (m == null || m.has("stage") || !m.has("test_loss")) {
                    continue;
                }
                at.add(new long[] {m.get("epoch").asLong() * trainCount});
                losses.add(m.get("test_loss").asDouble());
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (at.isEmpty()) {
            throw new UserError(file + " has no epoch with a test_loss");
        }
        return new LossCurve(at.stream().mapToLong(a -> a[0]).toArray(),
                losses.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** {@return the loss at the last point} */
    public double last() {
        return loss[loss.length - 1];
    }

    /**
     * The training samples at which the curve first reaches {@code target} (loss at most it),
     * interpolated linearly between the two points around the crossing (from 0 samples when the
     * first point already reaches it); -1 when it never does.
     */
    public double samplesToReach(double target) {
        for (int i = 0; i < loss.length; i++) {
            if (loss[i] <= target) {
                if (i == 0) {
                    return samples[0];
                }
                double f = (loss[i - 1] - target) / (loss[i - 1] - loss[i]);
                return samples[i - 1] + f * (samples[i] - samples[i - 1]);
            }
        }
        return -1;
    }
}
