package dev.latent.engine.nd4j;

import dev.latent.api.engine.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Activations and their derivatives as ND4J ops. The derivative f'(x) is written into the
 * output buffer itself when it aliases no input, and into one workspace temporary otherwise.
 */
final class Nd4jActivations {

    private Nd4jActivations() {
    }

    static void forward(Activation f, INDArray x, INDArray out) {
        switch (f) {
            case IDENTITY -> {
                if (x != out) {
                    out.assign(x);
                }
            }
            case RELU -> Nd4j.getExecutioner().exec(new RectifiedLinear(x, out, 0.0));
            case SIGMOID -> Nd4j.getExecutioner().exec(new Sigmoid(x, out));
            case TANH -> Nd4jCustomOps.tanh(x, out);
            case SOFTPLUS -> softplus(x, out);
        }
    }

    /** softplus(x) = max(x, 0) + log1p(exp(-|x|)), exact for any x in float32. */
    private static void softplus(INDArray x, INDArray out) {
        INDArray t = x == out ? Nd4j.createUninitialized(x.dataType(), x.shape()) : out;
        Nd4j.getExecutioner().exec(new Abs(x, t));
        t.negi();
        Nd4j.getExecutioner().exec(new Exp(t, t));
        Nd4j.getExecutioner().exec(new Log1p(t, t));
        INDArray r = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.getExecutioner().exec(new RectifiedLinear(x, r, 0.0));
        t.add(r, out);
    }

    /** gradIn = gradOut * f'(x), or with {@code squared}, gradIn = gradOut * f'(x)^2. */
    static void backward(Activation f, INDArray x, INDArray y, INDArray gradOut, INDArray gradIn, boolean squared) {
        if (f == Activation.IDENTITY) {
            if (gradIn != gradOut) {
                gradIn.assign(gradOut);
            }
            return;
        }
        boolean aliased = gradIn == gradOut || gradIn == x || gradIn == y;
        INDArray d = aliased ? Nd4j.createUninitialized(x.dataType(), x.shape()) : gradIn;
        derivative(f, x, y, d);
        if (squared) {
            Nd4j.getExecutioner().exec(new Square(d, d));
        }
        d.mul(gradOut, gradIn);
    }

    /** d = f'(x), from x or from y = f(x), whichever is cheaper. */
    private static void derivative(Activation f, INDArray x, INDArray y, INDArray d) {
        switch (f) {
            case RELU -> Nd4j.getExecutioner().exec(new Step(x, d, 0.0));
            case SIGMOID -> {
                Nd4j.getExecutioner().exec(new ScalarReverseSubtraction(y, null, d, 1.0));
                d.muli(y);
            }
            case TANH -> {
                Nd4j.getExecutioner().exec(new Square(y, d));
                Nd4j.getExecutioner().exec(new ScalarReverseSubtraction(d, null, d, 1.0));
            }
            case SOFTPLUS -> Nd4j.getExecutioner().exec(new Sigmoid(x, d));
            case IDENTITY -> d.assign(1.0);
        }
    }
}
