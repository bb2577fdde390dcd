package dev.latent.examples.plugin.internal;

import dev.latent.api.config.ConfigException;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.noise.Noise;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Occlusion noise: in each image an axis-aligned square of side k = round(size * side) pixels
 * (at least 1) is set to 0, x~ = clip(x m, 0, 1) with m = 0 inside the square and 1 outside. The
 * square's top-left corner is uniform over the (side - k + 1)^2 positions where it fits, drawn
 * per sample from the trainer's stream.
 *
 * <p>A batch is a [batch, pixels] tensor, so the image's side comes from the sample size: the
 * images must be square (784 values: 28 x 28), and any other size is reported when the first
 * batch arrives. The corner draws and the mask are tensors allocated once per batch size; the
 * draws are read out with {@link Tensor#toDoubleArray()} (two numbers per sample, the one
 * allocation per batch), and the mask is written on the host into an array kept per batch size
 * and copied in with {@link Engine#assign(Tensor, float[])}, because the engine has no op that
 * writes a rectangle.
 */
public final class OcclusionNoise implements Noise {

    private final Engine engine;
    private final double size;
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    /** The tensors of one batch size: two uniform draws per sample, and the mask on the host and in the engine. */
    private record Buffers(Tensor corners, Tensor mask, float[] values) {
    }

    /** @param size the side of the square as a fraction of the image's side, in (0, 1] */
    public OcclusionNoise(Engine engine, double size) {
        this.engine = engine;
        this.size = size;
    }

    @Override
    public void apply(Tensor clean, Tensor noisy, RandomStream random) {
        int rows = clean.rows();
        int pixels = clean.columns();
        int side = side(pixels);
        int k = Math.max(1, (int) Math.round(size * side));
        int positions = side - k + 1;
        Buffers b = buffers.computeIfAbsent(rows, r -> new Buffers(engine.zeros(clean.dtype(), r, 2),
                engine.zeros(clean.dtype(), r, pixels), new float[r * pixels]));
        random.fillUniform(b.corners(), 0, 1);
        double[] u = b.corners().toDoubleArray();
        float[] m = b.values();
        Arrays.fill(m, 1f);
        for (int i = 0; i < rows; i++) {
            int top = Math.min((int) (u[2 * i] * positions), positions - 1);
            int left = Math.min((int) (u[2 * i + 1] * positions), positions - 1);
            for (int y = top; y < top + k; y++) {
                int start = i * pixels + y * side + left;
                Arrays.fill(m, start, start + k, 0f);
            }
        }
        engine.assign(b.mask(), m);
        engine.mul(clean, b.mask(), noisy);
        engine.clip(noisy, 0, 1, noisy);
    }

    /** The side of a square image of {@code pixels} values, or a user error naming the size. */
    private static int side(int pixels) {
        int side = (int) Math.round(Math.sqrt(pixels));
        if (side * side != pixels) {
            throw new ConfigException("noise.name", "is 'occlusion', which needs square images (side x side values"
                    + " per sample), but a sample has " + pixels + " values");
        }
        return side;
    }
}
