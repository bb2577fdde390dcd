package dev.latent.models.layer;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * Average unpooling ({@link Engine#avgUnpool2d}): spreads each input value over its window, the
 * transpose of summing over windows; with kernel = stride and no padding it is
 * nearest-neighbour upsampling by the stride. Images of {@code channels x inH x inW} come as
 * rows of a rank-2 tensor {@code [batch, C*H*W]} (NCHW, row-major); output rows are
 * {@code C*Ho*Wo} with the transposed sizes Ho = (H - 1) sH - 2 pH + kH + opH
 * ({@link ConvGeometry#transposedOutputHeight}), widths likewise. No parameters.
 *
 * <p>Curvature backward: unpooling is linear, y = A x with A's entries 1 on each window, so the
 * Gauss-Newton diagonal h_x[j] = sum over i of A[i, j]^2 h_y[i] is the unpooling gradient of h_y.
 *
 * <p>Each call copies between rank-2 and rank-4 buffers (allocated once per batch size), because
 * the engine API has no reshaping view yet; a view operation would remove these copies.
 */
public final class AvgUnpool2d extends SpatialLayer {

    private final ConvGeometry geometry;

    /** @param g kernel, stride, padding and output padding */
    public AvgUnpool2d(int channels, int inH, int inW, ConvGeometry g, Engine engine, DType dtype) {
        super("AvgUnpool2d", channels, inH, inW, channels, g.transposedOutputHeight(inH), g.transposedOutputWidth(inW),
                engine, dtype);
        this.geometry = g;
    }

    public ConvGeometry geometry() {
        return geometry;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    protected void forward4(Tensor input, Tensor output) {
        engine.avgUnpool2d(input, geometry, output);
    }

    @Override
    protected void backward4(Tensor input, Tensor gradOutput, Tensor gradInput) {
        if (gradInput != null) {
            engine.avgUnpool2dBackward(gradOutput, geometry, gradInput);
        }
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        return routeCurvature(curvatureOutput, needInputCurvature, 1);
    }

    @Override
    public String toString() {
        return super.toString() + " " + geometry;
    }
}
