package dev.latent.models.layer;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;

/**
 * The common plumbing of the image layers ({@link Conv2d}, {@link ConvTranspose2d},
 * {@link AvgPool2d}, {@link AvgUnpool2d}, {@link MaxPool2d}, {@link MaxUnpool2d}): they take
 * and return rank-2 tensors {@code [batch, C*H*W]} as the {@link Layer} contract asks, and run
 * the engine's NCHW operations on rank-4 buffers {@code [batch, C, H, W]} (allocated once per
 * batch size).
 *
 * <p>The rank-2 rows and the rank-4 images hold the same row-major elements, so moving between
 * them is a reshape; the engine API has no view operation yet, so each call copies (the input
 * into a rank-4 buffer on forward, the rank-4 result out to a rank-2 one, and likewise for the
 * gradients on backward). A view op on {@code Engine} would remove these copies.
 *
 * <p>The rank-4 output buffer is reused to hold the output gradient on backward (the forward
 * result has by then been copied out). The rank-4 copy of the input is kept until the next
 * forward, for the weight gradients.
 */
abstract class SpatialLayer implements Layer {

    protected final Engine engine;
    protected final DType dtype;
    protected final String description;
    protected final int inChannels;
    protected final int inHeight;
    protected final int inWidth;
    protected final int outChannels;
    protected final int outHeight;
    protected final int outWidth;
    private final ImageBuffer input4;
    private final ImageBuffer output4;
    private final ImageBuffer gradInput4;
    private final BatchBuffer output2;
    private final BatchBuffer gradInput2;
    /** The rank-4 copy of the last forward's input, or null before the first forward. */
    protected Tensor input;

    SpatialLayer(String description, int inChannels, int inHeight, int inWidth,
                 int outChannels, int outHeight, int outWidth, Engine engine, DType dtype) {
        if (inChannels <= 0 || inHeight <= 0 || inWidth <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException(description + " needs positive channels and input size, found "
                    + inChannels + "x" + inHeight + "x" + inWidth + " -> " + outChannels + " channels");
        }
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException(description + " maps the input " + inChannels + "x" + inHeight + "x"
                    + inWidth + " to an empty output " + outChannels + "x" + outHeight + "x" + outWidth
                    + " (the kernel does not fit the padded input)");
        }
        this.engine = engine;
        this.dtype = dtype;
        this.description = description;
        this.inChannels = inChannels;
        this.inHeight = inHeight;
        this.inWidth = inWidth;
        this.outChannels = outChannels;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.input4 = new ImageBuffer(engine, dtype, inChannels, inHeight, inWidth);
        this.output4 = new ImageBuffer(engine, dtype, outChannels, outHeight, outWidth);
        this.gradInput4 = new ImageBuffer(engine, dtype, inChannels, inHeight, inWidth);
        this.output2 = new BatchBuffer(engine, dtype, outChannels * outHeight * outWidth);
        this.gradInput2 = new BatchBuffer(engine, dtype, inChannels * inHeight * inWidth);
    }

    public int inputChannels() {
        return inChannels;
    }

    public int inputHeight() {
        return inHeight;
    }

    public int inputWidth() {
        return inWidth;
    }

    public int outputChannels() {
        return outChannels;
    }

    public int outputHeight() {
        return outHeight;
    }

    public int outputWidth() {
        return outWidth;
    }

    /** C*H*W, the number of input features. */
    public int inputSize() {
        return inChannels * inHeight * inWidth;
    }

    /** O*Ho*Wo, the number of output features. */
    public int outputSize() {
        return outChannels * outHeight * outWidth;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != inputSize()) {
            throw new IllegalArgumentException(description + " expects " + inputSize() + " inputs ("
                    + inChannels + "x" + inHeight + "x" + inWidth + "), found " + inputSize);
        }
        return outputSize();
    }

    /** Runs the forward operation from the rank-4 input to the rank-4 output. */
    protected abstract void forward4(Tensor input, Tensor output);

    /**
     * Runs the backward operation: overwrites the parameter gradients, and gradInput when it is
     * not null.
     */
    protected abstract void backward4(Tensor input, Tensor gradOutput, Tensor gradInput);

    @Override
    public final Tensor forward(Tensor x, boolean training) {
        int[] shape = x.shape();
        if (shape.length != 2 || shape[1] != inputSize()) {
            throw new IllegalArgumentException(description + " expects a [batch, " + inputSize() + "] input ("
                    + inChannels + "x" + inHeight + "x" + inWidth + " per row), found " + Tensor.describe(shape));
        }
        int n = shape[0];
        input = input4.get(n);
        engine.copy(x, input);
        Tensor y4 = output4.get(n);
        forward4(input, y4);
        Tensor y = output2.get(n);
        engine.copy(y4, y);
        return y;
    }

    @Override
    public final Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        return backward(gradOutput, "gradient", needInputGradient);
    }

    /**
     * The curvature backward of a parameter-free layer whose every weight is 0 or one constant c
     * (each output is c times one input or a sum of inputs: c = 1 for max pooling, max unpooling
     * and average unpooling, 1/(kH kW) for average pooling): since y = A x with A's entries 0 or
     * c, A^2 = c A, and the Gauss-Newton diagonal h_x[j] = sum over i of A[i, j]^2 h_y[i] is c
     * times the backward of h_y.
     */
    protected final Tensor routeCurvature(Tensor curvatureOutput, boolean needInputCurvature, double c) {
        if (!parameters().isEmpty()) {
            throw new IllegalStateException(description + " has parameters: its curvature is not its backward");
        }
        Tensor hx = backward(curvatureOutput, "curvature", needInputCurvature);
        if (hx != null && c != 1) {
            engine.scale(hx, c, hx);
        }
        return hx;
    }

    private Tensor backward(Tensor gradOutput, String what, boolean needInputGradient) {
        int n = checkBackward(gradOutput, what);
        if (!needInputGradient && parameters().isEmpty()) {
            return null;
        }
        Tensor g4 = output4.get(n);
        engine.copy(gradOutput, g4);
        if (!needInputGradient) {
            backward4(input, g4, null);
            return null;
        }
        Tensor gx4 = gradInput4.get(n);
        backward4(input, g4, gx4);
        Tensor gx = gradInput2.get(n);
        engine.copy(gx4, gx);
        return gx;
    }

    /** Checks a backward argument against the last forward, and returns its batch size. */
    protected final int checkBackward(Tensor t, String what) {
        if (input == null) {
            throw new IllegalStateException(description + ": backward before forward");
        }
        int[] shape = t.shape();
        int n = input.rows();
        if (shape.length != 2 || shape[0] != n || shape[1] != outputSize()) {
            throw new IllegalArgumentException(description + " expects an output " + what + " of shape "
                    + Tensor.describe(n, outputSize()) + " (the last forward's batch), found " + Tensor.describe(shape));
        }
        return n;
    }

    /** The rank-4 buffer of the output, for subclasses' curvature backward. */
    protected final Tensor output4(int rows) {
        return output4.get(rows);
    }

    /** The rank-4 buffer of the input gradient, for subclasses' curvature backward. */
    protected final Tensor gradInput4(int rows) {
        return gradInput4.get(rows);
    }

    /** The rank-2 buffer of the input gradient, for subclasses' curvature backward. */
    protected final Tensor gradInput2(int rows) {
        return gradInput2.get(rows);
    }

    @Override
    public void close() {
        input4.close();
        output4.close();
        gradInput4.close();
        output2.close();
        gradInput2.close();
        input = null;
    }

    @Override
    public String toString() {
        return description + "(" + inChannels + "x" + inHeight + "x" + inWidth + " -> " + outChannels + "x"
                + outHeight + "x" + outWidth + ")";
    }
}
