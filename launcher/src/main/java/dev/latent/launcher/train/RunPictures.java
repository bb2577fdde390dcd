package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Generative;
import dev.latent.api.model.Model;
import dev.latent.launcher.output.RunFolder;
import java.io.IOException;
import java.util.stream.IntStream;

/**
 * The pictures of a finished run: reconstructions.png (the first test images above their
 * reconstructions) and, for a {@link Generative} model, samples.png (draws from its prior,
 * seeded from the run's seed). Samples that are not images (fewer than two dimensions, or more
 * than one channel) get none.
 */
final class RunPictures {

    /** Rows of samples.png for a generative model, each as wide as reconstructions.png. */
    private static final int SAMPLE_ROWS = 4;
    /** Separates the prior draws of samples.png from the other streams of the run's seed. */
    private static final long SAMPLE_SALT = 0x53414D504C4553L;

    private RunPictures() {
    }

    /** Draws the first {@code pictures} test images (none when 0). */
    static void write(Engine engine, DType dtype, Model model, DataSplit test, RunFolder run, int pictures, long seed)
            throws IOException {
        int n = Math.min(pictures, test.count());
        int[] shape = test.sampleShape();
        if (n == 0 || shape.length < 2) {
            return;
        }
        int height = shape[shape.length - 2];
        int width = shape[shape.length - 1];
        if (height * width != test.sampleSize()) {
            return;
        }
        int[] first = IntStream.range(0, n).toArray();
        float[] originals = new float[n * test.sampleSize()];
        test.copySamples(first, 0, n, originals);
        try (Tensor batch = engine.zeros(dtype, n, test.sampleSize())) {
            engine.assign(batch, originals);
            float[] reconstructions = model.reconstruct(batch).toFloatArray();
            run.writeReconstructions(originals, reconstructions, n, height, width);
        }
        if (model instanceof Generative generative) {
            float[] samples = generative.sample(SAMPLE_ROWS * n, engine.random(seed ^ SAMPLE_SALT)).toFloatArray();
            run.writeSamples(samples, SAMPLE_ROWS, n, height, width);
        }
    }
}
