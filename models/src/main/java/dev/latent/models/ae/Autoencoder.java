package dev.latent.models.ae;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Encoder;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.models.layer.BatchBuffer;
import dev.latent.models.layer.Buffers;
import dev.latent.models.layer.Layer;
import dev.latent.models.loss.DataSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An autoencoder: an encoder network to a code and a decoder network back, trained to
 * reconstruct its target (the input itself, or the clean input for a denoising run) under the
 * chosen loss. See Hinton and Salakhutdinov (2006) for the dense form.
 *
 * <p>Two optional terms join the loss, and each report carries every term separately (the
 * reconstruction under the loss's name, then the penalty's name, then {@code weight_decay}), with
 * their sum as the total:
 * <ul>
 *   <li>a {@link CodePenalty} on the code (a sparsity penalty for the sparse autoencoder, the
 *       contractive penalty for the contractive one): its gradient joins the decoder's input
 *       gradient before the encoder's backward, and its direct gradient w.r.t. parameters, if
 *       any, is added after it;</li>
 *   <li>L2 weight decay, {@code weightDecay * sum of W^2} over the weights, which are the
 *       parameters whose name ends in {@code .weight} (biases are not decayed); its gradient
 *       {@code 2 weightDecay W} is added to theirs. The term is reported when weightDecay > 0.</li>
 * </ul>
 * The diagonal-Hessian backward ({@link #accumulateCurvature}) leaves both out: it estimates the
 * reconstruction loss's curvature only.
 */
public final class Autoencoder implements Model, Encoder {

    /** The name of the weight decay term in reports. */
    public static final String WEIGHT_DECAY = "weight_decay";
    /** Weight decay applies to the parameters whose name ends so. */
    static final String WEIGHT_SUFFIX = ".weight";

    private final Engine engine;
    private final Layer encoder;
    private final Layer decoder;
    private final Loss loss;
    private final int codeSize;
    private final CodePenalty penalty;
    private final List<Parameter> parameters;
    private final double weightDecay;
    /** The parameters weight decay applies to: the weights, named {@code *.weight}; empty when it is 0. */
    private final List<Parameter> decayed;
    private final BatchBuffer gradOutput;
    private final DataSpace dataSpace;

    public Autoencoder(Engine engine, DType dtype, Layer encoder, Layer decoder, Loss loss, int inputSize) {
        this(engine, dtype, encoder, decoder, loss, inputSize, null, 0);
    }

    /**
     * @param penalty     a penalty on the code added to the loss, or null for none; the model
     *                    closes it
     * @param weightDecay the weight of the L2 penalty on the weights, >= 0 (0: none)
     */
    public Autoencoder(Engine engine, DType dtype, Layer encoder, Layer decoder, Loss loss, int inputSize,
                       CodePenalty penalty, double weightDecay) {
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("the weight decay must be >= 0, found " + weightDecay);
        }
        this.engine = engine;
        this.penalty = penalty;
        this.encoder = encoder;
        this.decoder = decoder;
        this.loss = loss;
        this.codeSize = encoder.outputSize(inputSize);
        int outputSize = decoder.outputSize(codeSize);
        if (outputSize != inputSize) {
            throw new IllegalArgumentException("the decoder outputs " + outputSize + " values for " + inputSize + " inputs");
        }
        List<Parameter> all = new ArrayList<>(encoder.parameters());
        all.addAll(decoder.parameters());
        this.parameters = List.copyOf(all);
        this.weightDecay = weightDecay;
        this.decayed = weightDecay > 0
                ? parameters.stream().filter(p -> p.name().endsWith(WEIGHT_SUFFIX)).toList() : List.of();
        this.gradOutput = new BatchBuffer(engine, dtype, inputSize);
        this.dataSpace = new DataSpace(engine, dtype, loss, inputSize);
    }

    public Layer encoder() {
        return encoder;
    }

    public Layer decoder() {
        return decoder;
    }

    @Override
    public int codeSize() {
        return codeSize;
    }

    /** The codes of a batch in evaluation mode, owned by the encoder until its next call. */
    @Override
    public Tensor encode(Tensor input) {
        return encoder.forward(input, false);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The encoder's buffers, then the decoder's, under the layers' names. */
    @Override
    public Map<String, Tensor> buffers() {
        return Buffers.of(List.of(encoder.buffers(), decoder.buffers()));
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
        // gradCode is the decoder's own buffer (or g), free to add to until its next backward.
        double penaltyValue = penalty == null ? 0 : penalty.addGradient(code, gradCode);
        encoder.backward(gradCode, false);
        if (penalty != null) {
            penalty.addParameterGradients();
        }
        return report(value, penaltyValue, decay(true));
    }

    @Override
    public LossReport evaluate(Tensor input, Tensor target) {
        Tensor code = encoder.forward(input, false);
        double value = loss.value(decoder.forward(code, false), target);
        return report(value, penalty == null ? 0 : penalty.value(code), decay(false));
    }

    /** weightDecay * sum of W^2 over the weights; with {@code addGradient}, also adds 2 weightDecay W to their gradients. */
    private double decay(boolean addGradient) {
        double sum = 0;
        for (Parameter p : decayed) {
            sum += engine.dot(p.value(), p.value());
            if (addGradient) {
                engine.axpy(2 * weightDecay, p.value(), p.gradient());
            }
        }
        return weightDecay * sum;
    }

    private LossReport report(double reconstructionValue, double penaltyValue, double decayValue) {
        if (penalty == null && weightDecay == 0) {
            return LossReport.single(loss.name(), reconstructionValue);
        }
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put(loss.name(), reconstructionValue);
        if (penalty != null) {
            terms.put(penalty.name(), penaltyValue);
        }
        if (weightDecay > 0) {
            terms.put(WEIGHT_DECAY, decayValue);
        }
        return new LossReport(reconstructionValue + penaltyValue + decayValue, terms);
    }

    @Override
    public Tensor reconstruct(Tensor input) {
        return dataSpace.of(forward(input, false));
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
        dataSpace.close();
        if (penalty != null) {
            penalty.close();
        }
    }
}
