package dev.latent.models.ae;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.models.layer.BatchBuffer;

/**
 * The contractive penalty of Rifai et al. (2011), "Contractive auto-encoders: explicit invariance
 * during feature extraction": lambda times the squared Frobenius norm of the encoder's Jacobian,
 * averaged over the batch, for the one-layer encoder h = s(x W + b) with s sigmoid or tanh. Per
 * sample (their equation 5), with the derivative s' written as a function of the code h,
 * <pre>
 * ||J_f(x)||_F^2 = sum over j of s'_j^2 w_j,   w_j = sum over i of W_ij^2,
 * s' = h (1 - h) for sigmoid, 1 - h^2 for tanh
 * P = (lambda/m) sum over samples and j of s'_j^2 w_j          (a batch of m codes)
 * </pre>
 * P depends on the code h and, through w, on W directly. Its gradient therefore has two parts:
 * <pre>
 * dP/dh_j  = (lambda/m) 2 s'_j (ds'/dh)_j w_j,   ds'/dh = 1 - 2h (sigmoid), -2h (tanh)
 * dP/dW_ij = (lambda/m) 2 W_ij c_j (h held fixed),   c_j = sum over samples of s'_j^2
 * </pre>
 * {@link #addGradient} adds the first to the code's gradient, so that the encoder's backward
 * carries it to W and b; {@link #addParameterGradients} adds the second to W's gradient after that
 * backward. The buffers are allocated once (per batch size for the two code-shaped ones).
 */
public final class ContractivePenalty implements CodePenalty {

    private final Engine engine;
    private final Parameter weight;
    private final Activation activation;
    private final double lambda;
    /** s'(h), then (in {@link #addGradient}) the work for the code's gradient. */
    private final BatchBuffer derivative;
    private final BatchBuffer work;
    /** W^2, then (in {@link #addParameterGradients}) W c. */
    private final Tensor weightWork;
    /** w: the squared norm of each column of W (each code unit's weights). */
    private final Tensor columnNorms;
    /** c: the sum over the batch of s'^2 for each code unit. */
    private final Tensor slopes;
    /** lambda / m of the last {@link #addGradient}. */
    private double scale;

    /**
     * @param weight     the encoder's weight W, of shape {@code [input, code]}
     * @param activation the encoder's activation: sigmoid or tanh
     * @param lambda     the penalty's weight, >= 0
     */
    public ContractivePenalty(Engine engine, DType dtype, Parameter weight, Activation activation, double lambda) {
        if (activation != Activation.SIGMOID && activation != Activation.TANH) {
            throw new IllegalArgumentException("the contractive penalty needs a sigmoid or tanh encoder, found "
                    + activation);
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("the contractive weight must be >= 0, found " + lambda);
        }
        int[] shape = weight.value().shape();
        this.engine = engine;
        this.weight = weight;
        this.activation = activation;
        this.lambda = lambda;
        this.derivative = new BatchBuffer(engine, dtype, shape[1]);
        this.work = new BatchBuffer(engine, dtype, shape[1]);
        this.weightWork = engine.zeros(dtype, shape);
        this.columnNorms = engine.zeros(dtype, shape[1]);
        this.slopes = engine.zeros(dtype, shape[1]);
    }

    @Override
    public String name() {
        return "contractive";
    }

    @Override
    public double addGradient(Tensor code, Tensor gradCode) {
        double penalty = value(code);
        // work = 2 s' ds'/dh, then times w; added with lambda / m
        Tensor s = derivative.get(code.rows());
        Tensor g = work.get(code.rows());
        engine.scale(code, -2, g);
        if (activation == Activation.SIGMOID) {
            engine.addScalar(g, 1, g);
        }
        engine.mul(g, s, g);
        engine.mulRowVector(g, columnNorms, g);
        engine.axpy(2 * scale, g, gradCode);
        return penalty;
    }

    @Override
    public void addParameterGradients() {
        engine.mulRowVector(weight.value(), slopes, weightWork);
        engine.axpy(2 * scale, weightWork, weight.gradient());
    }

    /** Also leaves s'(h) in its buffer, w and c in theirs, and lambda / m in {@link #scale}. */
    @Override
    public double value(Tensor code) {
        int m = code.rows();
        Tensor s = derivative.get(m);
        engine.square(code, s);
        if (activation == Activation.SIGMOID) {
            engine.sub(code, s, s); // h - h^2
        } else {
            engine.scale(s, -1, s);
            engine.addScalar(s, 1, s); // 1 - h^2
        }
        Tensor squared = work.get(m);
        engine.square(s, squared);
        engine.columnSums(squared, slopes);
        engine.square(weight.value(), weightWork);
        engine.columnSums(weightWork, columnNorms);
        scale = lambda / m;
        return scale * engine.dot(slopes, columnNorms);
    }

    @Override
    public void close() {
        derivative.close();
        work.close();
        weightWork.close();
        columnNorms.close();
        slopes.close();
    }

    @Override
    public String toString() {
        return "ContractivePenalty(" + activation.id() + ", lambda " + lambda + ")";
    }
}
