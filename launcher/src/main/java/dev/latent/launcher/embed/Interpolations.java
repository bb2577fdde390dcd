package dev.latent.launcher.embed;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Encoder;
import dev.latent.api.model.Generative;
import java.util.stream.IntStream;

/**
 * Linear interpolations in a generative model's latent space: for each pair of samples (a, b),
 * the codes {@code z_t = (1 - t) enc(a) + t enc(b)} for t = 0, 1/(steps-1), ..., 1, decoded into
 * data space (Kingma and Welling 2014 draw such strips for the VAE). A row of the picture is
 * the sample a, the decoded strip (its first and last images the reconstructions of a and b),
 * then the sample b.
 */
public final class Interpolations {

    private Interpolations() {
    }

    /**
     * The rows of the picture for the pairs (0, 1), (2, 3), ... of {@code samples}: each row holds
     * {@code steps + 2} images of {@code samples.sampleSize()} values.
     *
     * @param pairs how many pairs; {@code samples} must hold at least {@code 2 * pairs}
     * @param steps images per strip, at least 2 (the endpoints)
     */
    public static float[][] rows(Engine engine, DType dtype, Encoder encoder, Generative model, DataSplit samples,
                                 int pairs, int steps) {
        if (steps < 2 || pairs < 1 || samples.count() < 2 * pairs) {
            throw new IllegalArgumentException(pairs + " pairs of " + steps + " steps from " + samples.count() + " samples");
        }
        int d = samples.sampleSize();
        DataSplit ends = samples.head(2 * pairs);
        Codes codes = Codes.of(engine, dtype, encoder, ends, 2 * pairs);
        int k = codes.size();
        double[] strip = new double[pairs * steps * k];
        for (int p = 0; p < pairs; p++) {
            for (int s = 0; s < steps; s++) {
                double t = (double) s / (steps - 1);
                for (int j = 0; j < k; j++) {
                    double a = codes.values()[2 * p * k + j];
                    double b = codes.values()[(2 * p + 1) * k + j];
                    strip[(p * steps + s) * k + j] = (1 - t) * a + t * b;     // exactly a at t = 0, b at t = 1
                }
            }
        }
        float[] decoded;
        try (Scope ignored = engine.scope(); Tensor z = engine.fromArray(strip, dtype, pairs * steps, k)) {
            decoded = model.decode(z).toFloatArray();
        }
        float[] originals = new float[2 * pairs * d];
        ends.copySamples(IntStream.range(0, 2 * pairs).toArray(), 0, 2 * pairs, originals);
        float[][] rows = new float[pairs][(steps + 2) * d];
        for (int p = 0; p < pairs; p++) {
            System.arraycopy(originals, 2 * p * d, rows[p], 0, d);
            System.arraycopy(decoded, p * steps * d, rows[p], d, steps * d);
            System.arraycopy(originals, (2 * p + 1) * d, rows[p], (steps + 1) * d, d);
        }
        return rows;
    }
}
