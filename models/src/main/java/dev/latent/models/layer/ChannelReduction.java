package dev.latent.models.layer;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;

/**
 * Per-channel sums of image rows and their broadcast back, for {@link BatchNorm}: a batch of
 * rows {@code [batch, C*P]} holds, in each row, C channels of P positions each (P = H*W; P = 1
 * for dense features), channel-major as {@link SpatialLayer}'s rows are.
 *
 * <p>The engine has no reduction over an inner axis, so both directions go through the
 * indicator matrix S of shape {@code [C*P, C]}, S[c*P + p, c] = 1: the per-channel sums of a
 * batch X are {@code 1^T X S} (the column sums times S), and a per-channel row v broadcasts to
 * every position as {@code v S^T}. S and the two row buffers are allocated once; nothing is
 * allocated per call.
 */
final class ChannelReduction implements AutoCloseable {

    private final Engine engine;
    private final int channels;
    private final int positions;
    /** S, [C*P, C]. */
    private final Tensor indicator;
    /** The column sums of a batch, [1, C*P]. */
    private final Tensor columnSums;
    /** A per-channel row broadcast to every position, [1, C*P]. */
    private final Tensor expanded;

    ChannelReduction(Engine engine, DType dtype, int channels, int positions) {
        this.engine = engine;
        this.channels = channels;
        this.positions = positions;
        double[] s = new double[channels * positions * channels];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < positions; p++) {
                s[(c * positions + p) * channels + c] = 1;
            }
        }
        this.indicator = engine.fromArray(s, dtype, channels * positions, channels);
        this.columnSums = engine.zeros(dtype, 1, channels * positions);
        this.expanded = engine.zeros(dtype, 1, channels * positions);
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
        engine.gemm(columnSums, false, indicator, false, scale, 0, out);
    }

    /**
     * The per-channel row {@code v} ([1, C]) repeated over each channel's positions, as a
     * [1, C*P] row owned by this object and valid until the next call.
     */
    Tensor expand(Tensor v) {
        engine.gemm(v, false, indicator, true, 1, 0, expanded);
        return expanded;
    }

    @Override
    public void close() {
        indicator.close();
        columnSums.close();
        expanded.close();
    }
}
