package dev.latent.models.layer;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * Max pooling (PyTorch's {@code nn.MaxPool2d}, {@link Engine#maxPool2d}) on images of
 * {@code channels x inH x inW} given as rows of a rank-2 tensor {@code [batch, C*H*W]} (NCHW,
 * row-major); output rows are {@code C*Ho*Wo} with Ho, Wo from
 * {@link ConvGeometry#outputHeight}/{@link ConvGeometry#outputWidth}. The padding never wins,
 * and the geometry must pad at most half the kernel (2 pH &lt;= kH, 2 pW &lt;= kW). No
 * parameters.
 *
 * <p>Each forward records where each maximum came from ({@link #indices()}, one tensor per batch
 * size): the backward routes each output gradient to that input position (windows that chose
 * the same position add up), and a {@link MaxUnpool2d} built on this layer puts values back
 * there.
 *
 * <p>Curvature backward: away from ties the layer is y = A x with A's entries 0 or 1 (each
 * output is one input), so the Gauss-Newton diagonal h_x[j] = sum over i of A[i, j]^2 h_y[i]
 * routes h_y exactly as the gradient is routed.
 *
 * <p>Each call copies between rank-2 and rank-4 buffers (allocated once per batch size), because
 * the engine API has no reshaping view yet; a view operation would remove these copies.
 */
public final class MaxPool2d extends SpatialLayer {

    private final ConvGeometry geometry;
    private final ImageBuffer indexBuffer;
    /** The indices of the last forward, or null before the first. */
    private Tensor indices;

    /** @param g kernel, stride and padding (at most half the kernel; output padding is ignored) */
    public MaxPool2d(int channels, int inH, int inW, ConvGeometry g, Engine engine, DType dtype) {
        super("MaxPool2d", channels, inH, inW, channels, g.outputHeight(inH), g.outputWidth(inW), engine, dtype);
        if (2 * g.padH() > g.kH() || 2 * g.padW() > g.kW()) {
            throw new IllegalArgumentException("MaxPool2d: " + g + " pads more than half the kernel (max pooling"
                    + " needs 2 padding <= kernel, so that every window holds an input position)");
        }
        this.geometry = g;
        this.indexBuffer = new ImageBuffer(engine, dtype, channels, outputHeight(), outputWidth());
    }

    public ConvGeometry geometry() {
        return geometry;
    }

    /**
     * Where the maxima of the last forward came from: a tensor {@code [batch, C, Ho, Wo]} whose
     * elements are the positions y W + x within each input plane, in the layer's dtype (see
     * {@link Engine#maxPool2d}); null before the first forward. The layer owns it (one per batch
     * size): the next forward of the same batch size overwrites it.
     */
    public Tensor indices() {
        return indices;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    protected void forward4(Tensor input, Tensor output) {
        indices = indexBuffer.get(input.rows());
        engine.maxPool2d(input, geometry, output, indices);
    }

    @Override
    protected void backward4(Tensor input, Tensor gradOutput, Tensor gradInput) {
        if (gradInput != null) {
            engine.maxPool2dBackward(gradOutput, indices, geometry, gradInput);
        }
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        return routeCurvature(curvatureOutput, needInputCurvature, 1);
    }

    @Override
    public void close() {
        super.close();
        indexBuffer.close();
        indices = null;
    }

    @Override
    public String toString() {
        return super.toString() + " " + geometry;
    }
}
