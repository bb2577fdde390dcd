package dev.latent.models.layer;

import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Layers applied one after another; backward runs them in reverse. */
public final class Sequential implements Layer {

    private final List<Layer> layers;

    public Sequential(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a Sequential needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public int outputSize(int inputSize) {
        int n = inputSize;
        for (Layer l : layers) {
            n = l.outputSize(n);
        }
        return n;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.parameters()));
        return List.copyOf(all);
    }

    /** The buffers of every layer, in layer order. */
    @Override
    public Map<String, Tensor> buffers() {
        return Buffers.of(layers.stream().map(Layer::buffers).toList());
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Tensor x = input;
        for (Layer l : layers) {
            x = l.forward(x, training);
        }
        return x;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        Tensor g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, i > 0 || needInputGradient);
        }
        return g;
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        Tensor h = curvatureOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            h = layers.get(i).backwardCurvature(h, i > 0 || needInputCurvature);
        }
        return h;
    }

    @Override
    public void close() {
        layers.forEach(Layer::close);
    }

    @Override
    public String toString() {
        return layers.toString();
    }
}
