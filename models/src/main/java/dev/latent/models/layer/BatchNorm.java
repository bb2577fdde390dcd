package dev.latent.models.layer;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation (Ioffe and Szegedy 2015), per channel as PyTorch's {@code BatchNorm2d}
 * (and, with one position per channel, {@code BatchNorm1d}): rows {@code [batch, C*P]} hold C
 * channels of P positions (P = H*W), and each channel is normalised over the batch and its
 * positions, M = batch * P values:
 * <pre>
 *   mu = mean(x),  var = mean((x - mu)^2),  xhat = (x - mu) / sqrt(var + eps),  y = gamma xhat + beta
 * </pre>
 * gamma ({@code name.weight}, initialised to 1) and beta ({@code name.bias}, to 0) are
 * per-channel parameters, named as PyTorch names them.
 *
 * <p><b>Modes.</b> In training the batch's statistics are used, and the running estimates
 * (buffers {@code name.running_mean}, initially 0, and {@code name.running_var}, initially 1)
 * move towards them with momentum 0.1: r = 0.9 r + 0.1 s, the variance's estimate taking the
 * unbiased batch variance var * M / (M - 1), as PyTorch does. In evaluation the running
 * estimates replace mu and var. Every training-mode forward updates them, the curvature pass's
 * included (in PyTorch too, any forward in train mode does). A training batch needs M >= 2.
 *
 * <p><b>Backward</b>, exact through the batch statistics: with dbeta = sum of g_y and
 * dgamma = sum of g_y xhat over each channel's M values,
 * {@code g_x = gamma / sqrt(var + eps) * (g_y - (dbeta + xhat dgamma) / M)}. After an
 * evaluation-mode forward the statistics are constants and {@code g_x = gamma g_y / sqrt(var + eps)}.
 *
 * <p><b>Curvature</b> (Gauss-Newton diagonal, Becker and LeCun 1989) treats the batch
 * statistics as constants, so that the layer is the per-channel affine map
 * y = (gamma / sqrt(var + eps)) (x - mu) + beta: h_x = h_y (gamma / sqrt(var + eps))^2,
 * h_gamma += sum of h_y xhat^2, h_beta += sum of h_y. For gamma and beta this is the exact
 * Gauss-Newton diagonal; for the input it leaves out the terms through mu and var, whose
 * weight in h_x shrinks as 1/M (each input is one of M values of its channel's statistics).
 *
 * <p>The per-channel sums and broadcasts go through {@link ChannelReduction}. Buffers are
 * allocated once per batch size; a step after the first of its size allocates nothing.
 */
public final class BatchNorm implements Layer {

    /** PyTorch's default: the weight of the new batch statistic in the running estimates. */
    public static final double MOMENTUM = 0.1;
    /** PyTorch's default, added to the variance. */
    public static final double EPSILON = 1e-5;

    private final Engine engine;
    private final String name;
    private final int size;
    private final Parameter gamma;
    private final Parameter beta;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final ChannelReduction channels;
    /**
     * [1, C] rows: minus the mean used, 1 / sqrt(var + eps) of the last forward, d gamma, d beta,
     * scratch, ones.
     */
    private final Tensor negMean;
    private final Tensor invStd;
    private final Tensor gradGamma;
    private final Tensor gradBeta;
    private final Tensor scratch;
    private final Tensor ones;
    private final BatchBuffer centredBuffer;
    private final BatchBuffer output;
    private final BatchBuffer work;
    private final BatchBuffer gradInput;
    /** x - mu of the last forward; xhat = centred * invStd is never stored. */
    private Tensor centred;
    private boolean lastTraining;

    /**
     * @param name      the prefix of the parameters ({@code name.weight}, {@code name.bias}) and
     *                  buffers ({@code name.running_mean}, {@code name.running_var})
     * @param channels  C, the number of channels normalised separately
     * @param positions P, the values of a channel in one row (H*W for an image, 1 for dense features)
     */
    public BatchNorm(String name, int channels, int positions, Engine engine, DType dtype) {
        if (channels <= 0 || positions <= 0) {
            throw new IllegalArgumentException("BatchNorm " + name + " needs positive channels and positions, found "
                    + channels + " x " + positions);
        }
        this.engine = engine;
        this.name = name;
        this.size = channels * positions;
        this.gamma = Parameter.zeros(name + ".weight", engine, dtype, channels);
        this.beta = Parameter.zeros(name + ".bias", engine, dtype, channels);
        engine.fill(gamma.value(), 1);
        this.runningMean = engine.zeros(dtype, channels);
        this.runningVar = engine.zeros(dtype, channels);
        engine.fill(runningVar, 1);
        this.channels = new ChannelReduction(engine, dtype, channels, positions);
        this.negMean = engine.zeros(dtype, 1, channels);
        this.invStd = engine.zeros(dtype, 1, channels);
        this.gradGamma = engine.zeros(dtype, 1, channels);
        this.gradBeta = engine.zeros(dtype, 1, channels);
        this.scratch = engine.zeros(dtype, 1, channels);
        this.ones = engine.zeros(dtype, 1, channels);
        engine.fill(ones, 1);
        this.centredBuffer = new BatchBuffer(engine, dtype, size);
        this.output = new BatchBuffer(engine, dtype, size);
        this.work = new BatchBuffer(engine, dtype, size);
        this.gradInput = new BatchBuffer(engine, dtype, size);
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != size) {
            throw new IllegalArgumentException("BatchNorm " + name + " expects " + size + " inputs ("
                    + channels.channels() + " channels x " + channels.positions() + " positions), found " + inputSize);
        }
        return size;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        buffers.put(name + ".running_mean", runningMean);
        buffers.put(name + ".running_var", runningVar);
        return buffers;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] shape = x.shape();
        if (shape.length != 2 || shape[1] != size) {
            throw new IllegalArgumentException("BatchNorm " + name + " expects a [batch, " + size + "] input, found "
                    + Tensor.describe(shape));
        }
        int n = shape[0];
        long m = (long) n * channels.positions();
        Tensor c = centredBuffer.get(n);
        if (training) {
            if (m < 2) {
                throw new IllegalArgumentException("BatchNorm " + name + " needs at least 2 values per channel in"
                        + " training, found a batch of " + n + " with " + channels.positions() + " position(s) per channel");
            }
            channels.sum(x, -1.0 / m, negMean);
            engine.addRowVector(x, channels.expand(negMean), c);
            Tensor squares = work.get(n);
            engine.square(c, squares);
            channels.sum(squares, 1.0 / m, scratch);
            engine.scale(runningMean, 1 - MOMENTUM, runningMean);
            engine.axpy(-MOMENTUM, negMean, runningMean);
            engine.scale(runningVar, 1 - MOMENTUM, runningVar);
            engine.axpy(MOMENTUM * m / (m - 1), scratch, runningVar);
        } else {
            engine.scale(runningMean, -1, negMean);
            engine.addRowVector(x, channels.expand(negMean), c);
            engine.copy(runningVar, scratch);
        }
        // invStd = 1 / sqrt(var + eps), var in scratch
        engine.addScalar(scratch, EPSILON, invStd);
        engine.sqrt(invStd, invStd);
        engine.div(ones, invStd, invStd);
        // y = (x - mu) * gamma invStd + beta
        Tensor y = output.get(n);
        engine.mulRowVector(c, channels.expand(gainRow(false)), y);
        engine.copy(beta.value(), scratch);
        engine.addRowVector(y, channels.expand(scratch), y);
        centred = c;
        lastTraining = training;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        int n = checkBackward(gradOutput, "gradient");
        channels.sum(gradOutput, 1, gradBeta);
        engine.copy(gradBeta, beta.gradient());
        // d gamma = sum of g_y xhat = invStd * sum of g_y (x - mu)
        Tensor w = work.get(n);
        engine.mul(gradOutput, centred, w);
        channels.sum(w, 1, scratch);
        engine.mul(scratch, invStd, gradGamma);
        engine.copy(gradGamma, gamma.gradient());
        if (!needInputGradient) {
            return null;
        }
        Tensor g = gradInput.get(n);
        Tensor through = gradOutput;
        if (lastTraining) {
            // w = g_y - (dbeta + xhat dgamma) / M = g_y - (x - mu) (invStd dgamma / M) - dbeta / M
            long m = (long) n * channels.positions();
            engine.mul(invStd, gradGamma, scratch);
            engine.scale(scratch, -1.0 / m, scratch);
            engine.mulRowVector(centred, channels.expand(scratch), w);
            engine.add(w, gradOutput, w);
            engine.scale(gradBeta, -1.0 / m, scratch);
            engine.addRowVector(w, channels.expand(scratch), w);
            through = w;
        }
        engine.mulRowVector(through, channels.expand(gainRow(false)), g);
        return g;
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        int n = checkBackward(curvatureOutput, "curvature");
        // h_gamma += sum of h_y xhat^2 = invStd^2 * sum of h_y (x - mu)^2
        Tensor w = work.get(n);
        engine.square(centred, w);
        engine.mul(w, curvatureOutput, w);
        channels.sum(w, 1, scratch);
        engine.mul(scratch, invStd, scratch);
        engine.mul(scratch, invStd, scratch);
        engine.axpy(1, scratch, gamma.curvature());
        channels.sum(curvatureOutput, 1, scratch);
        engine.axpy(1, scratch, beta.curvature());
        if (!needInputCurvature) {
            return null;
        }
        Tensor h = gradInput.get(n);
        engine.mulRowVector(curvatureOutput, channels.expand(gainRow(true)), h);
        return h;
    }

    /** gamma / sqrt(var + eps) per channel (squared when asked) in {@code scratch}, a [1, C] row. */
    private Tensor gainRow(boolean squared) {
        engine.copy(gamma.value(), scratch);
        engine.mul(scratch, invStd, scratch);
        if (squared) {
            engine.square(scratch, scratch);
        }
        return scratch;
    }

    private int checkBackward(Tensor t, String what) {
        if (centred == null) {
            throw new IllegalStateException("BatchNorm " + name + ": backward before forward");
        }
        int[] shape = t.shape();
        if (shape.length != 2 || shape[0] != centred.rows() || shape[1] != size) {
            throw new IllegalArgumentException("BatchNorm " + name + " expects an output " + what + " of shape "
                    + Tensor.describe(centred.rows(), size) + " (the last forward's batch), found " + Tensor.describe(shape));
        }
        return shape[0];
    }

    @Override
    public void close() {
        gamma.close();
        beta.close();
        runningMean.close();
        runningVar.close();
        channels.close();
        for (Tensor t : List.of(negMean, invStd, gradGamma, gradBeta, scratch, ones)) {
            t.close();
        }
        centredBuffer.close();
        output.close();
        work.close();
        gradInput.close();
        centred = null;
    }

    @Override
    public String toString() {
        return "BatchNorm " + name + "(" + channels.channels() + " channels x " + channels.positions() + ")";
    }
}
