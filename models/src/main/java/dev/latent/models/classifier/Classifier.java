package dev.latent.models.classifier;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossReport;
import dev.latent.api.model.Model;
import dev.latent.api.model.Parameter;
import dev.latent.models.layer.BatchBuffer;
import dev.latent.models.layer.Layer;
import java.util.List;

/**
 * A feed-forward classifier: a network from an input (pixels, or a frozen encoder's codes) to one
 * score (logit) per class, trained against target distributions (one-hot labels) under the
 * chosen loss, normally {@code softmax-cross-entropy}. With hidden layers it is a classifier
 * head (Linear, ReLU, Linear); without, a linear probe (Alain and Bengio 2016), the usual
 * measure of how linearly separable a representation's classes are.
 *
 * <p>{@link #reconstruct} returns the logits: their arg max is the predicted class. The report
 * has one term, under the loss's name.
 */
public final class Classifier implements Model {

    private final Layer network;
    private final Loss loss;
    private final int classes;
    private final BatchBuffer gradOutput;

    /**
     * @param network the layers from the input to {@code classes} scores; the model closes it
     * @param inputSize the number of values of one input
     */
    public Classifier(Engine engine, DType dtype, Layer network, Loss loss, int inputSize, int classes) {
        int out = network.outputSize(inputSize);
        if (out != classes) {
            throw new IllegalArgumentException("the network outputs " + out + " scores for " + classes + " classes");
        }
        this.network = network;
        this.loss = loss;
        this.classes = classes;
        this.gradOutput = new BatchBuffer(engine, dtype, classes);
    }

    /** The number of classes, the length of each output row. */
    public int classes() {
        return classes;
    }

    @Override
    public List<Parameter> parameters() {
        return network.parameters();
    }

    @Override
    public LossReport trainStep(Tensor input, Tensor target) {
        Tensor logits = network.forward(input, true);
        Tensor g = gradOutput.get(input.rows());
        double value = loss.compute(logits, target, g);
        network.backward(g, false);
        return LossReport.single(loss.name(), value);
    }

    @Override
    public LossReport evaluate(Tensor input, Tensor target) {
        return LossReport.single(loss.name(), loss.value(network.forward(input, false), target));
    }

    /** The logits {@code [batch, classes]} of a batch in evaluation mode, owned by the model until its next call. */
    @Override
    public Tensor reconstruct(Tensor input) {
        return network.forward(input, false);
    }

    @Override
    public void accumulateCurvature(Tensor input, Tensor target) {
        Tensor logits = network.forward(input, true);
        Tensor h = gradOutput.get(input.rows());
        loss.curvature(logits, target, h);
        network.backwardCurvature(h, false);
    }

    @Override
    public void close() {
        network.close();
        gradOutput.close();
    }
}
