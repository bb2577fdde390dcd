package dev.latent.models.layer;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;

/**
 * Per-channel sums of image rows and their broadcast back, for {@link BatchNorm}: a batch of
 * rows {@code [batch, C*P]} holds, in each row, C channels of P positions each (P = H*W; P = 1
 * for dense features), channel-major as {@link SpatialLayer}'s rows are.
 *
 * <p>The engine has no reduction over an inner axis, so both directions are products with a
 * row of P ones: the column sums of a batch, read as a [C, P] matrix Z, give the per-channel
 * sums as {@code 1_P^T Z^T} ([1, C]), and a per-channel row v ([1, C]) broadcasts to every
 * position as the outer product {@code v^T 1_P} ([C, P], read as one row of C*P). An earlier
 * version multiplied by a [C*P, C] indicator matrix instead, which the BLAS copied (packed) on
 * every call: 200 KB for 32 channels of 7x7. The buffers are allocated once; nothing is
 * allocated per call.
 */
final class ChannelReduction implements AutoCloseable {

    private final Engine engine;
    private final int channels;
    private final int positions;
    /** 1_P, [1, P]. */
    private final Tensor ones;
    /** The column sums of a batch, [C, P]. */
    private final Tensor columnSums;
    /** A per-channel row broadcast to every position, [C, P]. */
    private final Tensor expanded;

    ChannelReduction(Engine engine, DType dtype, int channels, int positions) {
        this.engine = engine;
        this.channels = channels;
        this.positions = positions;
        this.ones = engine.zeros(dtype, 1, positions);
        engine.fill(ones, 1);
        this.columnSums = engine.zeros(dtype, channels, positions);
        this.expanded = engine.zeros(dtype, channels, positions);
    }

    int channels() {
        return channels;
    }

    int positions() {
        return positions;
    }

    /** out[c] = scale * (the sum of {@code batch} over its rows and channel c's positions); out is [1, C]. */
    void sum(Tensor batch, double scale, Tensor out) {
        engine.columnSums(batch, columnSums);
        engine.gemm(ones, false, columnSums, true, scale, 0, out);
    }

    /**
     * The per-channel row {@code v} ([1, C]) repeated over each channel's positions: C*P values
     * (shaped [C, P]) owned by this object and valid until the next call, for the engine's
     * per-column operations.
     */
    Tensor expand(Tensor v) {
        engine.gemm(v, true, ones, false, 1, 0, expanded);
        return expanded;
    }

    @Override
    public void close() {
        ones.close();
        columnSums.close();
        expanded.close();
    }
}
