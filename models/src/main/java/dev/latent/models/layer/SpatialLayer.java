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
 * them is a reshape: a view where the engine shares memory ({@link Engine#view}, as the ND4J
 * engines do), so that nothing is copied, and elsewhere a copy (the input into a rank-4 buffer on
 * forward, the rank-4 result out to a rank-2 one, and likewise for the gradients on backward);
 * see {@link Reshaped}. Views removed 4 copies of [128, C*H*W] per layer and step (the conv
 * models' 24 of 38 copies a step).
 *
 * <p>The input (a view of it, or its rank-4 copy) is kept until the next forward, for the weight
 * gradients, as the {@link Layer} contract allows. Where the engine copies, the rank-4 output
 * buffer is reused to hold the output gradient on backward (the forward result has by then been
 * copied out).
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
    private final Reshaped inputImages;
    private final Reshaped outputRows;
    private final Reshaped outputGradientImages;
    private final Reshaped inputGradientRows;
    /** The last forward's input as rank-4 images (a view or a copy), or null before the first forward. */
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
        this.inputImages = new Reshaped(engine, n -> new int[] {n, inChannels, inHeight, inWidth}, input4::get);
        this.outputRows = new Reshaped(engine, n -> new int[] {n, outputSize()}, output2::get);
        this.outputGradientImages = new Reshaped(engine, n -> new int[] {n, outChannels, outHeight, outWidth},
                output4::get);
        this.inputGradientRows = new Reshaped(engine, n -> new int[] {n, inputSize()}, gradInput2::get);
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
        input = inputImages.of(x);
        Tensor y4 = output4.get(shape[0]);
        forward4(input, y4);
        return outputRows.of(y4);
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
        Tensor g4 = outputGradientImages(gradOutput);
        if (!needInputGradient) {
            backward4(input, g4, null);
            return null;
        }
        Tensor gx4 = gradInput4.get(n);
        backward4(input, g4, gx4);
        return inputGradientRows(gx4);
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

    /** An output gradient (or curvature), rows [n, O*Ho*Wo], as rank-4 images [n, O, Ho, Wo]. */
    protected final Tensor outputGradientImages(Tensor rows) {
        return outputGradientImages.of(rows);
    }

    /** The rank-4 buffer of the input gradient, for subclasses' curvature backward. */
    protected final Tensor gradInput4(int rows) {
        return gradInput4.get(rows);
    }

    /** An input gradient (or curvature) computed in {@link #gradInput4}, as the rows the layer returns. */
    protected final Tensor inputGradientRows(Tensor images) {
        return inputGradientRows.of(images);
    }

    @Override
    public void close() {
        for (Reshaped r : new Reshaped[] {inputImages, outputRows, outputGradientImages, inputGradientRows}) {
            r.clear();
        }
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
