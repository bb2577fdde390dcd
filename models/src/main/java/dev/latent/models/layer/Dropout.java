package dev.latent.models.layer;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * Inverted dropout (Srivastava et al. 2014): in training y = x * m / (1 - p) with
 * m ~ Bernoulli(1 - p) drawn fresh for every forward from the layer's own seeded stream; in
 * evaluation y = x. Backward g_x = g_y * m / (1 - p); curvature h_x = h_y * (m / (1 - p))^2.
 */
public final class Dropout implements Layer {

    private final Engine engine;
    private final double rate;
    private final RandomStream random;
    private final BatchBuffer mask;
    private final BatchBuffer output;
    private final BatchBuffer gradInput;
    private Tensor lastMask;

    /**
     * @param rate   the probability p that a unit is dropped, in [0, 1)
     * @param random the stream the masks are drawn from
     */
    public Dropout(double rate, int size, Engine engine, DType dtype, RandomStream random) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), found " + rate);
        }
        this.engine = engine;
        this.rate = rate;
        this.random = random;
        this.mask = new BatchBuffer(engine, dtype, size);
        this.output = new BatchBuffer(engine, dtype, size);
        this.gradInput = new BatchBuffer(engine, dtype, size);
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (!training || rate == 0) {
            lastMask = null;
            return input;
        }
        lastMask = mask.get(input.rows());
        random.fillBernoulli(lastMask, 1 - rate);
        engine.scale(lastMask, 1 / (1 - rate), lastMask);
        Tensor y = output.get(input.rows());
        engine.mul(input, lastMask, y);
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        if (lastMask == null) {
            return gradOutput;
        }
        Tensor g = gradInput.get(gradOutput.rows());
        engine.mul(gradOutput, lastMask, g);
        return g;
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        if (!needInputCurvature) {
            return null;
        }
        if (lastMask == null) {
            return curvatureOutput;
        }
        Tensor h = gradInput.get(curvatureOutput.rows());
        engine.mul(curvatureOutput, lastMask, h);
        engine.mul(h, lastMask, h);
        return h;
    }

    @Override
    public void close() {
        mask.close();
        output.close();
        gradInput.close();
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
