package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.noise.Noise;
import java.util.stream.IntStream;

/**
 * The test split corrupted once, with a fixed seed, for a denoising run: every epoch is judged
 * on the same noisy inputs, so that the noisy-to-clean loss moves only with the model.
 *
 * @param inputs   the noisy test samples (labels kept)
 * @param inputMse the mean squared error of the noisy inputs against the clean samples: the
 *                 loss of a model that returns its input, the baseline a denoiser must beat
 */
public record NoisyTestSet(DataSplit inputs, double inputMse) {

    /** Salt for the seed, so that the test noise does not repeat the training noise. */
    private static final long SALT = 0x7E57_0015_E5L;

    public static NoisyTestSet draw(Engine engine, DType dtype, Noise noise, DataSplit clean, long seed, int batchSize) {
        int size = clean.sampleSize();
        float[] noisy = new float[clean.count() * size];
        int[] order = IntStream.range(0, clean.count()).toArray();
        RandomStream random = engine.random(seed ^ SALT);
        try (BatchLoader loader = new BatchLoader(engine, dtype, clean)) {
            for (int from = 0; from < clean.count(); from += batchSize) {
                int n = Math.min(batchSize, clean.count() - from);
                try (Scope scope = engine.scope()) {
                    Tensor batch = loader.load(order, from, n);
                    Tensor corrupted = scope.zeros(dtype, batch.shape());
                    noise.apply(batch, corrupted, random);
                    System.arraycopy(corrupted.toFloatArray(), 0, noisy, from * size, n * size);
                }
            }
        }
        float[] original = new float[noisy.length];
        clean.copySamples(order, 0, clean.count(), original);
        double sum = 0;
        for (int i = 0; i < noisy.length; i++) {
            double d = noisy[i] - original[i];
            sum += d * d;
        }
        int[] labels = new int[clean.hasLabels() ? clean.count() : 0];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = clean.label(i);
        }
        return new NoisyTestSet(new DataSplit(clean.sampleShape(), noisy, labels), sum / noisy.length);
    }
}
