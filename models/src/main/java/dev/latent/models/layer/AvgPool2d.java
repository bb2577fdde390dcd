package dev.latent.models.layer;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * Average pooling with padding counted (PyTorch's {@code nn.AvgPool2d} with
 * {@code count_include_pad=True}) on images of {@code channels x inH x inW} given as rows of a
 * rank-2 tensor {@code [batch, C*H*W]} (NCHW, row-major); output rows are {@code C*Ho*Wo} with
 * Ho, Wo from {@link ConvGeometry#outputHeight}/{@link ConvGeometry#outputWidth}. No parameters.
 *
 * <p>Curvature backward: pooling is linear, y = A x with A's entries 1/(kH kW) on each window,
 * so the Gauss-Newton diagonal is h_x[j] = sum over i of A[i, j]^2 h_y[i], that is the pooling
 * gradient of h_y divided by kH kW.
 *
 * <p>Each call copies between rank-2 and rank-4 buffers (allocated once per batch size), because
 * the engine API has no reshaping view yet; a view operation would remove these copies.
 */
public final class AvgPool2d extends SpatialLayer {

    private final ConvGeometry geometry;

    /** @param g kernel, stride and padding (output padding is ignored) */
    public AvgPool2d(int channels, int inH, int inW, ConvGeometry g, Engine engine, DType dtype) {
        super("AvgPool2d", channels, inH, inW, channels, g.outputHeight(inH), g.outputWidth(inW), engine, dtype);
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
        engine.avgPool2d(input, geometry, output);
    }

    @Override
    protected void backward4(Tensor input, Tensor gradOutput, Tensor gradInput) {
        if (gradInput != null) {
            engine.avgPool2dBackward(gradOutput, geometry, gradInput);
        }
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        return routeCurvature(curvatureOutput, needInputCurvature, 1.0 / (geometry.kH() * geometry.kW()));
    }

    @Override
    public String toString() {
        return super.toString() + " " + geometry;
    }
}
