package dev.latent.examples.plugin.internal;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.Parameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An autoencoder whose decoder reuses the encoder's weights, transposed (Vincent et al. 2010,
 * "Stacked denoising autoencoders", section 2.2):
 *
 * <pre>
 *   a = x W + b,   h = f(a)       encoder, W of shape [inputs, code]
 *   y = h W^T + c                 decoder, the raw output the loss sees
 * </pre>
 *
 * <p>Backward, for g = d loss / d y: dc = sum over the batch of g; dh = g W;
 * da = dh * f'(a); db = sum over the batch of da; and, because W appears twice, its gradient is
 * the sum of the decoder's and the encoder's contributions: dW = g^T h + x^T da.
 *
 * <p>Initialisation follows PyTorch's {@code nn.Linear} for the encoder: W and b uniform in
 * [-1/sqrt(inputs), 1/sqrt(inputs)]; c uniform in [-1/sqrt(code), 1/sqrt(code)]. Activations
 * are kept in {@link StepBuffers} allocated once per batch size, so steps allocate nothing.
 */
public final class TiedAutoencoder implements Model {

    private final Engine engine;
    private final DType dtype;
    private final Loss loss;
    private final Activation activation;
    private final int inputs;
    private final int code;
    private final Parameter weight;
    private final Parameter encoderBias;
    private final Parameter decoderBias;
    private final List<Parameter> parameters;
    private final Map<Integer, StepBuffers> buffers = new HashMap<>();
    private final Map<Integer, Tensor> reconstructions = new HashMap<>();

    /** The tensors of one forward and backward pass for one batch size. */
    private record StepBuffers(Tensor preActivation, Tensor code, Tensor output, Tensor gradOutput, Tensor gradCode) {
        void close() {
            List.of(preActivation, code, output, gradOutput, gradCode).forEach(Tensor::close);
        }
    }

    /**
     * @param code       the size of the code h
     * @param activation the encoder's activation f
     */
    public TiedAutoencoder(ModelContext context, int code, Activation activation) {
        this.engine = context.engine();
        this.dtype = context.dtype();
        this.loss = context.loss();
        this.activation = activation;
        this.inputs = context.inputSize();
        this.code = code;
        this.weight = Parameter.zeros("tied.weight", engine, dtype, inputs, code);
        this.encoderBias = Parameter.zeros("encoder.bias", engine, dtype, code);
        this.decoderBias = Parameter.zeros("decoder.bias", engine, dtype, inputs);
        this.parameters = List.of(weight, encoderBias, decoderBias);
        RandomStream random = engine.random(context.seed());
        double encoderBound = 1 / Math.sqrt(inputs);
        random.fillUniform(weight.value(), -encoderBound, encoderBound);
        random.fillUniform(encoderBias.value(), -encoderBound, encoderBound);
        double decoderBound = 1 / Math.sqrt(code);
        random.fillUniform(decoderBias.value(), -decoderBound, decoderBound);
    }


    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    private StepBuffers buffers(int rows) {
        return buffers.computeIfAbsent(rows, r -> new StepBuffers(engine.zeros(dtype, r, code), engine.zeros(dtype, r, code),
                engine.zeros(dtype, r, inputs), engine.zeros(dtype, r, inputs), engine.zeros(dtype, r, code)));
    }

    /** Runs the encoder and decoder on {@code input}, filling {@code b}; returns the raw output y. */
    private Tensor forward(Tensor input, StepBuffers b) {
        if (input.columns() != inputs) {
            throw new IllegalArgumentException("tied-ae expects " + inputs + " values per sample, found " + input.columns());
        }
        engine.gemm(input, false, weight.value(), false, 1, 0, b.preActivation());
        engine.addRowVector(b.preActivation(), encoderBias.value(), b.preActivation());
        engine.activate(activation, b.preActivation(), b.code());
        engine.gemm(b.code(), false, weight.value(), true, 1, 0, b.output());
        engine.addRowVector(b.output(), decoderBias.value(), b.output());
        return b.output();
    }

    @Override
    public LossReport trainStep(Tensor input, Tensor target) {
        StepBuffers b = buffers(input.rows());
        Tensor y = forward(input, b);
        Tensor g = b.gradOutput();
        double value = loss.compute(y, target, g);
        // decoder: y = h W^T + c
        engine.columnSums(g, decoderBias.gradient());
        engine.gemm(g, true, b.code(), false, 1, 0, weight.gradient());   // dW  = g^T h
        engine.gemm(g, false, weight.value(), false, 1, 0, b.gradCode()); // dh  = g W
        // encoder: h = f(x W + b)
        engine.activationBackward(activation, b.preActivation(), b.code(), b.gradCode(), b.gradCode());
        engine.columnSums(b.gradCode(), encoderBias.gradient());
        engine.gemm(input, true, b.gradCode(), false, 1, 1, weight.gradient()); // dW += x^T da
        return LossReport.single(loss.name(), value);
    }

    @Override
    public LossReport evaluate(Tensor input, Tensor target) {
        return LossReport.single(loss.name(), loss.value(forward(input, buffers(input.rows())), target));
    }

    @Override
    public Tensor reconstruct(Tensor input) {
        Tensor y = forward(input, buffers(input.rows()));
        Activation toData = loss.outputActivation();
        if (toData == Activation.IDENTITY) {
            return y;
        }
        Tensor r = reconstructions.computeIfAbsent(input.rows(), rows -> engine.zeros(dtype, rows, inputs));
        engine.activate(toData, y, r);
        return r;
    }

    @Override
    public void accumulateCurvature(Tensor input, Tensor target) {
        throw new UnsupportedOperationException("tied-ae has no diagonal-Hessian backward: its weight matrix appears"
                + " in both the encoder and the decoder; choose an optimizer that does not need curvature");
    }

    @Override
    public void close() {
        buffers.values().forEach(StepBuffers::close);
        buffers.clear();
        reconstructions.values().forEach(Tensor::close);
        reconstructions.clear();
        parameters.forEach(Parameter::close);
    }

    @Override
    public String toString() {
        return "TiedAutoencoder(" + inputs + " -> " + code + " " + activation.id() + " -> " + inputs + ")";
    }
}
