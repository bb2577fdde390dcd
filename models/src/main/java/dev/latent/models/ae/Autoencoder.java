package dev.latent.models.ae;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.models.layer.BatchBuffer;
import dev.latent.models.layer.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An autoencoder: an encoder network to a code and a decoder network back, trained to
 * reconstruct its target (the input itself, or the clean input for a denoising run) under the
 * chosen loss. See Hinton and Salakhutdinov (2006) for the dense form.
 *
 * <p>An optional {@link CodePenalty} on the code (a sparsity penalty, for the sparse
 * autoencoder) is added to the loss: its gradient joins the decoder's input gradient before the
 * encoder's backward, and each report carries the reconstruction and the penalty as separate
 * terms. The diagonal-Hessian backward ({@link #accumulateCurvature}) leaves the penalty out: it
 * estimates the reconstruction loss's curvature only.
 */
public final class Autoencoder implements Model {

    private final Engine engine;
    private final Layer encoder;
    private final Layer decoder;
    private final Loss loss;
    private final CodePenalty penalty;
    private final List<Parameter> parameters;
    private final BatchBuffer gradOutput;
    private final BatchBuffer reconstruction;

    public Autoencoder(Engine engine, DType dtype, Layer encoder, Layer decoder, Loss loss, int inputSize) {
        this(engine, dtype, encoder, decoder, loss, inputSize, null);
    }

    /**
     * @param penalty a penalty on the code added to the loss, or null for none; the model
     *                closes it
     */
    public Autoencoder(Engine engine, DType dtype, Layer encoder, Layer decoder, Loss loss, int inputSize,
                       CodePenalty penalty) {
        this.engine = engine;
        this.penalty = penalty;
        this.encoder = encoder;
        this.decoder = decoder;
        this.loss = loss;
        int codeSize = encoder.outputSize(inputSize);
        int outputSize = decoder.outputSize(codeSize);
        if (outputSize != inputSize) {
            throw new IllegalArgumentException("the decoder outputs " + outputSize + " values for " + inputSize + " inputs");
        }
        List<Parameter> all = new ArrayList<>(encoder.parameters());
        all.addAll(decoder.parameters());
        this.parameters = List.copyOf(all);
        this.gradOutput = new BatchBuffer(engine, dtype, inputSize);
        this.reconstruction = new BatchBuffer(engine, dtype, inputSize);
    }

    public Layer encoder() {
        return encoder;
    }

    public Layer decoder() {
        return decoder;
    }

    /** The codes of a batch in evaluation mode, owned by the encoder until its next call. */
    public Tensor encode(Tensor input) {
        return encoder.forward(input, false);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    private Tensor forward(Tensor input, boolean training) {
        return decoder.forward(encoder.forward(input, training), training);
    }

    /** The code penalty, or null when the loss is the reconstruction alone. */
    public CodePenalty penalty() {
        return penalty;
    }

    @Override
    public LossReport trainStep(Tensor input, Tensor target) {
        Tensor code = encoder.forward(input, true);
        Tensor output = decoder.forward(code, true);
        Tensor g = gradOutput.get(input.rows());
        double value = loss.compute(output, target, g);
        Tensor gradCode = decoder.backward(g, true);
        if (penalty == null) {
            encoder.backward(gradCode, false);
            return LossReport.single(loss.name(), value);
        }
        // gradCode is the decoder's own buffer (or g), free to add to until its next backward.
        double penaltyValue = penalty.addGradient(code, gradCode);
        encoder.backward(gradCode, false);
        return report(value, penaltyValue);
    }

    @Override
    public LossReport evaluate(Tensor input, Tensor target) {
        Tensor code = encoder.forward(input, false);
        double value = loss.value(decoder.forward(code, false), target);
        return penalty == null ? LossReport.single(loss.name(), value) : report(value, penalty.value(code));
    }

    private LossReport report(double reconstructionValue, double penaltyValue) {
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put(loss.name(), reconstructionValue);
        terms.put(penalty.name(), penaltyValue);
        return new LossReport(reconstructionValue + penaltyValue, terms);
    }

    @Override
    public Tensor reconstruct(Tensor input) {
        Tensor output = forward(input, false);
        Activation toData = loss.outputActivation();
        if (toData == Activation.IDENTITY) {
            return output;
        }
        Tensor r = reconstruction.get(input.rows());
        engine.activate(toData, output, r);
        return r;
    }

    @Override
    public void accumulateCurvature(Tensor input, Tensor target) {
        Tensor output = forward(input, true);
        Tensor h = gradOutput.get(input.rows());
        loss.curvature(output, target, h);
        encoder.backwardCurvature(decoder.backwardCurvature(h, true), false);
    }

    @Override
    public void close() {
        encoder.close();
        decoder.close();
        gradOutput.close();
        reconstruction.close();
        if (penalty != null) {
            penalty.close();
        }
    }
}
